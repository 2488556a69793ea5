/**
 * The folder form of shared types: `{"$ref": "<subject>/<semver>[#fragment]"}` read from the
 * contracts folder, checked (targets exist, no cycles) and ordered for a registry.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractError, loadContracts, parseContractRef, resolveFolderReferences } from '../../../codegen/index.js';

type Files = Record<string, unknown>;

async function folderOf(files: Files): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'charter-refs-'));
  for (const [path, body] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  }
  return dir;
}

const money = { type: 'object', properties: { amount: { type: 'integer' }, currency: { $ref: 'common.Currency/1.0.0' } }, required: ['amount', 'currency'] };
const moneyWithDefs = { ...money, $defs: { Amount: { type: 'integer', minimum: 0 } } };
const currency = { type: 'string', pattern: '^[A-Z]{3}$' };

describe('folder-form references', () => {
  it('parses the form and nothing else', () => {
    expect(parseContractRef('common.Money/1.0.0#/$defs/Amount')).toEqual({ name: 'common.Money/1.0.0', subject: 'common.Money', semver: '1.0.0', fragment: '/$defs/Amount' });
    expect(parseContractRef('#/$defs/x')).toBeUndefined();
    expect(parseContractRef('https://example.com/a/1.0.0')).toBeUndefined();
    expect(parseContractRef('common.Money/latest')).toBeUndefined();
    expect(parseContractRef('a/b/1.0.0')).toBeUndefined();
  });

  it('reads references with their lines, orders referenced versions first and closes over them', async () => {
    const dir = await folderOf({
      'order.OrderPlaced/1.0.0.schema.json': { type: 'object', properties: { total: { $ref: 'common.Money/1.0.0' }, fee: { $ref: 'common.Money/1.1.0#/$defs/Amount' } } },
      'common.Money/1.0.0.schema.json': money,
      'common.Money/1.1.0.schema.json': moneyWithDefs,
      'common.Currency/1.0.0.schema.json': currency,
      'analytics.Metric/1.0.0.schema.json': { type: 'object' },
    });
    const folder = await loadContracts(dir);
    const order = folder.subjects.find((s) => s.subject === 'order.OrderPlaced')!.versions[0]!;
    expect(order.references).toEqual([
      { name: 'common.Money/1.0.0', subject: 'common.Money', semver: '1.0.0', line: 5 },
      { name: 'common.Money/1.1.0', subject: 'common.Money', semver: '1.1.0', line: 8 },
    ]);
    const refs = resolveFolderReferences(folder, dir);
    expect(refs.order.map((v) => `${v.subject.subject}/${v.version.semver}`)).toEqual([
      'analytics.Metric/1.0.0',
      'common.Currency/1.0.0',
      'common.Money/1.0.0',
      'common.Money/1.1.0',
      'order.OrderPlaced/1.0.0',
    ]);
    expect(Object.keys(refs.closure('order.OrderPlaced', '1.0.0')).sort()).toEqual(['common.Currency/1.0.0', 'common.Money/1.0.0', 'common.Money/1.1.0']);
    expect(refs.referencers('common.Currency', '1.0.0').map((v) => `${v.subject.subject}/${v.version.semver}`)).toEqual(['common.Money/1.0.0', 'common.Money/1.1.0', 'order.OrderPlaced/1.0.0']);
    expect(refs.referencers('common.Money').map((v) => v.subject.subject)).toEqual(['order.OrderPlaced']);
  });

  it('refuses a reference to a version the folder does not hold, naming file and line', async () => {
    const dir = await folderOf({
      'order.OrderPlaced/1.0.0.schema.json': { type: 'object', properties: { total: { $ref: 'common.Money/2.0.0' } } },
      'common.Money/1.0.0.schema.json': { type: 'object' },
    });
    const folder = await loadContracts(dir);
    expect(() => resolveFolderReferences(folder, dir)).toThrow(ContractError);
    expect(() => resolveFolderReferences(folder, dir)).toThrow(`${dir}/order.OrderPlaced/1.0.0.schema.json:5: $ref 'common.Money/2.0.0' cannot be resolved: common.Money has no version 2.0.0 (it has 1.0.0)`);
  });

  it('accepts a target supplied from outside the folder (registry or baseline)', async () => {
    const dir = await folderOf({ 'order.OrderPlaced/1.0.0.schema.json': { type: 'object', properties: { total: { $ref: 'common.Money/1.0.0' } } } });
    const folder = await loadContracts(dir);
    expect(() => resolveFolderReferences(folder, dir)).toThrow("there is no subject common.Money in the folder");
    const refs = resolveFolderReferences(folder, dir, new Map([['common.Money/1.0.0', { schema: money, references: { 'common.Currency/1.0.0': currency } }]]));
    expect(refs.closure('order.OrderPlaced', '1.0.0')).toEqual({ 'common.Money/1.0.0': money, 'common.Currency/1.0.0': currency });
  });

  it('refuses reference cycles, naming the loop', async () => {
    const dir = await folderOf({
      'a.A/1.0.0.schema.json': { properties: { b: { $ref: 'b.B/1.0.0' } } },
      'b.B/1.0.0.schema.json': { properties: { a: { $ref: 'a.A/1.0.0' } } },
    });
    const folder = await loadContracts(dir);
    expect(() => resolveFolderReferences(folder, dir)).toThrow(`${dir}/a.A/1.0.0.schema.json:4: reference cycle: a.A/1.0.0 → b.B/1.0.0 → a.A/1.0.0`);
  });

  it('refuses references that cannot be ordered against the semver order of a subject', async () => {
    const dir = await folderOf({
      'a.A/1.0.0.schema.json': { properties: { b: { $ref: 'b.B/2.0.0' } } },
      'a.A/2.0.0.schema.json': { type: 'object' },
      'b.B/1.0.0.schema.json': { properties: { a: { $ref: 'a.A/2.0.0' } } },
      'b.B/2.0.0.schema.json': { type: 'object' },
    });
    const folder = await loadContracts(dir);
    expect(() => resolveFolderReferences(folder, dir)).toThrow(/reference cycle: .*a\.A\/1\.0\.0.*b\.B\/2\.0\.0/);
  });

  it('refuses a schema that references itself', async () => {
    const dir = await folderOf({ 'a.A/1.0.0.schema.json': { properties: { me: { $ref: 'a.A/1.0.0' } } } });
    const folder = await loadContracts(dir);
    expect(() => resolveFolderReferences(folder, dir)).toThrow("$ref 'a.A/1.0.0' refers to the schema itself");
  });
});
