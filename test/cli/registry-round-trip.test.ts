import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../support/registry.js';
import { orderFiles, subject, upgradeTo2 } from './support/order-contracts.js';
import { runCli, tempDir, writeFiles } from './support/run-cli.js';

describe('charter pull, export and import', () => {
  let source: TestRegistry;
  let target: TestRegistry;
  beforeAll(async () => {
    [source, target] = await Promise.all([startRegistry(), startRegistry()]);
    const dir = await tempDir();
    await writeFiles(dir, {
      ...orderFiles(),
      'shop.Refunded/subject.json': { compatibility: 'FULL', owner: 'payments-team', description: 'A refund was paid out' },
      'shop.Refunded/1.0.0.schema.json': { type: 'object' },
    });
    const pushed = await runCli(['push', dir, '--registry', source.url]);
    if (pushed.code !== 0) throw new Error(pushed.stdout + pushed.stderr);
    await call(source.url, 'PUT', '/consumers/billing', { [subject]: '^2.0.0' });
  });
  afterAll(async () => {
    await Promise.all([source.close(), target.close()]);
  });

  it('pulls the registry back into the contracts-folder layout: rules, examples and every setting check needs', async () => {
    const out = await tempDir();
    const run = await runCli(['pull', '--registry', source.url, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Pulled 2 subject(s), 4 version(s)');
    expect((await readdir(join(out, subject))).sort()).toEqual([
      '1.0.0.examples.json',
      '1.0.0.schema.json',
      '1.1.0.examples.json',
      '1.1.0.schema.json',
      '2.0.0.downgrade.jsonata',
      '2.0.0.examples.json',
      '2.0.0.schema.json',
      '2.0.0.upgrade.jsonata',
      'subject.json',
    ]);
    expect((await readFile(join(out, subject, '2.0.0.upgrade.jsonata'), 'utf8')).trim()).toBe(upgradeTo2);
    // The level in effect is written even when it is the global default: the folder means the same thing if the global level changes.
    expect(JSON.parse(await readFile(join(out, subject, 'subject.json'), 'utf8'))).toEqual({ compatibility: 'BACKWARD', requireMigration: true });
    expect(JSON.parse(await readFile(join(out, subject, '1.1.0.examples.json'), 'utf8'))).toEqual({
      valid: [{ orderId: 'o2', totalAmount: 20, currency: 'USD' }],
      invalid: [], // the registry keeps only the valid examples a version was registered with
    });
    expect(JSON.parse(await readFile(join(out, 'shop.Refunded', 'subject.json'), 'utf8'))).toEqual({
      compatibility: 'FULL',
      requireMigration: true,
      owner: 'payments-team',
      description: 'A refund was paid out',
    });
    // push → pull → check → push: what was pulled passes the gate, against the registry too, and pushes back as unchanged.
    expect((await runCli(['check', out])).code).toBe(0);
    expect((await runCli(['check', out, '--registry', source.url])).code).toBe(0);
    const again = await runCli(['push', out, '--registry', source.url]);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/registered|config set/);
  });

  it('exports every version with id, semver, schema and rules, and imports it with ids and versions preserved', async () => {
    const exported = await runCli(['export', '--registry', source.url]);
    expect(exported.code).toBe(0);
    const backup = JSON.parse(exported.stdout);
    expect(backup.subjects.map((s: { subject: string }) => s.subject)).toEqual([subject, 'shop.Refunded']);
    expect(backup.subjects[1].config).toMatchObject({ compatibilityLevel: 'FULL' });
    const v2 = backup.subjects[0].versions[2];
    expect(v2).toMatchObject({ version: 3, semver: '2.0.0', ruleSet: { migrationRules: expect.any(Array) }, examples: [{ orderId: 'o3', pricing: { total: 9, currency: 'EUR' } }] });
    expect(backup.subjects[1].versions[0].metadata).toEqual({ properties: { owner: 'payments-team', description: 'A refund was paid out' } });
    expect(backup.consumers).toEqual([{ group: 'billing', subjects: { [subject]: '^2.0.0' } }]);

    const file = join(await tempDir(), 'backup.json');
    await writeFiles('/', { [file]: exported.stdout });
    const imported = await runCli(['import', file, '--registry', target.url]);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('Imported 4 version(s) of 2 subject(s)');
    for (const s of backup.subjects) {
      for (const v of s.versions) {
        const found = await call(target.url, 'GET', `/subjects/${s.subject}/versions/${v.version}`);
        expect({ id: found.body.id, semver: found.body.semver, schema: found.body.schema }).toEqual({ id: v.id, semver: v.semver, schema: v.schema });
      }
    }
    expect((await call(target.url, 'GET', '/mode')).body.mode).toBe('READWRITE');
    expect((await call(target.url, 'GET', '/config/shop.Refunded')).body.compatibilityLevel).toBe('FULL');
    expect((await call(target.url, 'GET', `/subjects/${subject}/versions/3/examples`)).body).toEqual(v2.examples);
    expect((await call(target.url, 'GET', '/consumers/billing')).body).toEqual({ group: 'billing', subjects: { [subject]: '^2.0.0' } });
    const upcast = await call(target.url, 'POST', `/subjects/${subject}/upcast`, { event: { orderId: 'o', totalAmount: 1 }, from: '1.0.0', to: '2.0.0' });
    expect(upcast.body.event).toEqual({ orderId: 'o', pricing: { total: 1, currency: 'EUR' } });
  });

  it('generates code from the live registry for the subjects asked for', async () => {
    const out = await tempDir();
    const run = await runCli(['codegen', '--registry', source.url, '--subjects', subject, '--out', out]);
    expect(run.code).toBe(0);
    expect(await readdir(out)).toContain(subject);
    expect(await readdir(out)).not.toContain('shop.Refunded');
    expect(await readFile(join(out, subject, 'migrations.ts'), 'utf8')).toContain('UpcastOrderPlacedV1ToV2');
  });

  it('exits 2 naming the file when the import file is not an export', async () => {
    const file = join(await tempDir(), 'not-export.json');
    await writeFiles('/', { [file]: { hello: 'world' } });
    const run = await runCli(['import', file, '--registry', target.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`charter import: ${file}: not a charter export (expected {"format": "charter-export", "subjects": [...]})\n`);
  });
});
