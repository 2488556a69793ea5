import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError, initExample, loadContracts, writeContracts } from '../../../codegen/index.js';
import { fixtureContracts, scratchDir } from '../support/generated-dir.js';

const schema = JSON.stringify({ type: 'object' });

/** Each bad folder as data: its files, and the one line the loader must answer with. */
const badFolders: Array<{ case: string; files: Record<string, string>; message: string }> = [
  {
    case: 'unparseable JSON, with line and column',
    files: { 'a.B/1.0.0.schema.json': '{\n  "type": "object",\n  "required": ["x",]\n}' },
    message: "a.B/1.0.0.schema.json:3:20: invalid JSON: unexpected ']'",
  },
  {
    case: 'JSON cut short',
    files: { 'a.B/1.0.0.schema.json': '{"type": "obj' },
    message: 'a.B/1.0.0.schema.json:1:14: invalid JSON: unexpected end of file',
  },
  {
    case: 'a file name whose version is not semver',
    files: { 'a.B/1.0.schema.json': schema },
    message: "a.B/1.0.schema.json: '1.0' is not a semver (expected e.g. 1.0.0)",
  },
  {
    case: 'an upgrade rule on the first version',
    files: { 'a.B/1.0.0.schema.json': schema, 'a.B/1.0.0.upgrade.jsonata': '$' },
    message: 'a.B/1.0.0.upgrade.jsonata: upgrade rule on the first version; there is no earlier version to migrate from',
  },
  {
    case: 'a subject folder with no schemas',
    files: { 'a.B/subject.json': '{}' },
    message: 'a.B: no <semver>.schema.json in this subject folder',
  },
  {
    case: 'an unknown file in a subject folder',
    files: { 'a.B/1.0.0.schema.json': schema, 'a.B/notes.md': '# notes' },
    message:
      'a.B/notes.md: unknown file; expected <semver>.schema.json, .upgrade.jsonata, .downgrade.jsonata, .examples.json or subject.json',
  },
  {
    case: 'a rule with no schema of its version',
    files: { 'a.B/1.0.0.schema.json': schema, 'a.B/1.1.0.upgrade.jsonata': '$' },
    message: 'a.B/1.1.0.upgrade.jsonata: no 1.1.0.schema.json for this file to belong to',
  },
  {
    case: 'a misspelt setting in subject.json',
    files: { 'a.B/1.0.0.schema.json': schema, 'a.B/subject.json': '{"compatibilty": "BACKWARD"}' },
    message: "a.B/subject.json: unknown setting 'compatibilty'; known: compatibility, compatibilityGroup, description, owner, requireMigration",
  },
  {
    case: 'examples that are not lists',
    files: { 'a.B/1.0.0.schema.json': schema, 'a.B/1.0.0.examples.json': '{"valid": {}}' },
    message: "a.B/1.0.0.examples.json: 'valid' and 'invalid' must be arrays of events",
  },
];

describe('loadContracts', () => {
  let cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(cleanup.map((c) => c()));
    cleanup = [];
  });
  async function folderWith(files: Record<string, string>): Promise<string> {
    const scratch = await scratchDir();
    cleanup.push(scratch.remove);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(scratch.dir, path)), { recursive: true });
      await writeFile(join(scratch.dir, path), text);
    }
    return scratch.dir;
  }

  it('reads subjects sorted by name and versions sorted by semver, not by file name', async () => {
    const dir = await folderWith({
      'b.Z/1.10.0.schema.json': schema,
      'b.Z/1.9.0.schema.json': schema,
      'b.Z/1.9.0-rc.1.schema.json': schema,
      'a.Y/1.0.0.schema.json': schema,
      'README.md': 'top-level files are ignored',
    });
    const folder = await loadContracts(dir);
    expect(folder.subjects.map((s) => [s.subject, s.versions.map((v) => v.semver)])).toEqual([
      ['a.Y', ['1.0.0']],
      ['b.Z', ['1.9.0-rc.1', '1.9.0', '1.10.0']],
    ]);
  });

  it('gives each rule in Confluent data-contract form on the version it leads into', async () => {
    const { subjects } = await loadContracts(fixtureContracts);
    const order = subjects.find((s) => s.subject === 'order.OrderPlaced')!;
    const v2 = order.versions.at(-1)!;
    expect(v2.schemaFile).toBe('order.OrderPlaced/2.0.0.schema.json');
    expect(v2.ruleSet?.migrationRules.map(({ expr, ...rest }) => ({ ...rest, expr: expr === v2[rest.mode === 'UPGRADE' ? 'upgrade' : 'downgrade'] }))).toEqual([
      { name: 'order.OrderPlaced-2.0.0-upgrade', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr: true },
      { name: 'order.OrderPlaced-2.0.0-downgrade', kind: 'TRANSFORM', type: 'JSONATA', mode: 'DOWNGRADE', expr: true },
    ]);
    expect(order.versions[0]!.ruleSet).toBeUndefined();
    expect(order.settings).toEqual({ compatibility: 'BACKWARD', description: 'A customer placed an order', owner: 'order-team', requireMigration: true });
    expect(v2.examples?.valid).toHaveLength(1);
  });

  it.each(badFolders)('refuses $case with one line naming the file', async ({ files, message }) => {
    const dir = await folderWith(files);
    const error = await loadContracts(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).message).toBe(join(dir, message));
    expect((error as ContractError).message).not.toContain('\n');
    expect((error as ContractError).file).toBe(join(dir, message.slice(0, message.indexOf(': '))));
  });

  it('refuses a folder with no subjects at all', async () => {
    const dir = await folderWith({ 'README.md': 'nothing here' });
    await expect(loadContracts(dir)).rejects.toThrow(`${dir}: no subject folders with schemas found`);
  });

  it('reads back exactly what writeContracts wrote', async () => {
    const original = await loadContracts(fixtureContracts);
    const dir = await folderWith({});
    await writeContracts(dir, original);
    expect(await loadContracts(dir)).toEqual(original);
  });

  it('initExample writes a folder that loads, with a minor version and examples', async () => {
    const dir = await folderWith({});
    await initExample(dir);
    const { subjects } = await loadContracts(dir);
    expect(subjects.map((s) => [s.subject, s.versions.map((v) => v.semver)])).toEqual([['example.UserSignedUp', ['1.0.0', '1.1.0']]]);
    expect(subjects[0]!.versions.every((v) => v.examples && v.examples.valid.length > 0 && v.examples.invalid.length > 0)).toBe(true);
    await expect(initExample(dir)).rejects.toThrow(`${join(dir, 'example.UserSignedUp')}: already exists; not overwriting it`);
  });
});

describe('the example folder of initExample', () => {
  it('ships examples that pass and fail its schemas as they claim', async () => {
    const { exampleContracts } = await import('../../../codegen/contracts/init-example.js');
    const { createValidatorOrThrow } = await import('../../../core/schema/validator/index.js');
    for (const v of exampleContracts.subjects[0]!.versions) {
      const validate = createValidatorOrThrow(v.schema).fn;
      expect(v.examples!.valid.map((e) => validate(e))).toEqual(v.examples!.valid.map(() => true));
      expect(v.examples!.invalid.map((e) => validate(e))).toEqual(v.examples!.invalid.map(() => false));
    }
  });
});
