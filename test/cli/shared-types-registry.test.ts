import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/index.js';
import { call } from '../support/registry.js';
import { runCli, tempDir, writeFiles } from './support/run-cli.js';
import { currency1, money1, money1_1, money2, order, payment, sharedFiles } from './support/shared-contracts.js';

// Two real registries on free ports, each on a throw-away PGlite store.
const start = () => startServer({ port: 0, host: '127.0.0.1', store: { kind: 'pglite' }, bodyLimit: 1024 * 1024, logLevel: 'silent' });
let registry: RunningServer;
let restored: RunningServer;
beforeAll(async () => {
  registry = await start();
  restored = await start();
});
afterAll(async () => {
  await registry.close();
  await restored.close();
});

const json = (stdout: string) => JSON.parse(stdout);

/** The folder the suite pushes first: the shared types, two events on Money 1.0.0, and one that sorts before them on Money 1.1.0. */
const published = () => ({
  ...sharedFiles(),
  'common.Money/1.1.0.schema.json': money1_1,
  // 'audit' sorts before 'common': push must still register common.Money 1.1.0 first.
  'audit.Entry/1.0.0.schema.json': { type: 'object', properties: { charged: { $ref: 'common.Money/1.1.0' } } },
});

describe('charter push with shared types', { timeout: 90_000 }, () => {
  it('registers referenced subjects first and sends their $refs as Confluent references with the registry version numbers', async () => {
    const dir = await tempDir();
    await writeFiles(dir, published());
    const gate = await runCli(['check', dir, '--registry', registry.url]);
    expect(gate.stdout).toContain('registry dry run: audit.Entry not run: it references common.Money/1.1.0, which push registers first');
    expect(gate.code).toBe(0);

    const run = await runCli(['push', dir, '--registry', registry.url]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const subjects = run.stdout.trim().split('\n').map((line) => line.split(' ')[0]);
    expect(subjects).toEqual(['common.Currency', 'common.Money', 'common.Money', 'audit.Entry', 'order.OrderPlaced', 'payment.PaymentTaken']);

    const entry = await call(registry.url, 'GET', '/subjects/audit.Entry/versions/1');
    expect(entry.body.references).toEqual([{ name: 'common.Money/1.1.0', subject: 'common.Money', version: 2 }]);
    const moneyRefs = (await call(registry.url, 'GET', '/subjects/common.Money/versions/2')).body.references;
    expect(moneyRefs).toEqual([{ name: 'common.Currency/1.0.0', subject: 'common.Currency', version: 1 }]);
    const paymentRefs = (await call(registry.url, 'GET', '/subjects/payment.PaymentTaken/versions/1')).body.references;
    expect(paymentRefs).toEqual([{ name: 'common.Money/1.0.0', subject: 'common.Money', version: 1 }]);
    // The schema text keeps the folder form, fragment and all.
    expect(JSON.parse((await call(registry.url, 'GET', '/subjects/payment.PaymentTaken/versions/1')).body.schema)).toEqual(payment);

    // The registry resolves the references it was sent: Currency's pattern applies inside an order's total.
    const valid = await call(registry.url, 'POST', '/subjects/order.OrderPlaced/versions/1/validate', { event: { orderId: 'o1', total: { amount: 1, currency: 'EUR' } } });
    const invalid = await call(registry.url, 'POST', '/subjects/order.OrderPlaced/versions/1/validate', { event: { orderId: 'o1', total: { amount: 1, currency: 'eur' } } });
    expect([valid.body.valid, invalid.body.valid]).toEqual([true, false]);
  });

  it('checks a folder holding only an event against the shared types in the registry, and pushes it with their version numbers', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'shipping.Charged/1.0.0.schema.json': order('common.Money/1.1.0') });
    const run = await runCli(['push', dir, '--registry', registry.url]);
    expect(run.code).toBe(0);
    expect((await call(registry.url, 'GET', '/subjects/shipping.Charged/versions/1')).body.references).toEqual([{ name: 'common.Money/1.1.0', subject: 'common.Money', version: 2 }]);

    const missing = await tempDir();
    await writeFiles(missing, { 'shipping.Refunded/1.0.0.schema.json': order('common.Money/9.0.0') });
    const refused = await runCli(['push', missing, '--registry', registry.url]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`$ref 'common.Money/9.0.0' cannot be resolved: common.Money has no version 9.0.0 in the folder or ${registry.url} (they have 1.0.0, 1.1.0)`);
    expect(refused.stderr).toContain('Nothing was registered');
  });

  it('refuses, registering nothing, a folder whose subjects reference each other\'s new versions (a subject is one batch)', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'loop.A/1.0.0.schema.json': { type: 'object' },
      'loop.B/1.0.0.schema.json': { type: 'object', properties: { a: { $ref: 'loop.A/1.0.0' } } },
      'loop.A/1.1.0.schema.json': { type: 'object', properties: { b: { $ref: 'loop.B/1.0.0' } } },
    });
    const run = await runCli(['push', dir, '--registry', registry.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot push in one go: the new versions of loop.A, loop.B reference each other');
    expect((await call(registry.url, 'GET', '/subjects/loop.A/versions')).status).toBe(404);
  });
});

describe('charter check --registry: the impact of a shared type change', { timeout: 90_000 }, () => {
  it('names the registered subjects that reference a breaking new version, through referencedby', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'common.Money/1.0.0.schema.json': money1,
      'common.Money/1.1.0.schema.json': money1_1,
      'common.Money/2.0.0.schema.json': money2,
      'common.Money/2.0.0.upgrade.jsonata': '{ "amount": $string(amount), "currency": currency }',
    });
    const run = await runCli(['check', dir, '--registry', registry.url, '--format', 'json']);
    const report = json(run.stdout);
    expect(report.checked.map((c: { semver: string }) => c.semver)).toEqual(['2.0.0']);
    expect(run.code).toBe(0);
    expect(report.impact).toHaveLength(1);
    expect(report.impact[0]).toMatchObject({ subject: 'common.Money', semver: '2.0.0', previous: '1.1.0', breaking: true });
    expect(report.impact[0].referencers).toEqual([
      { subject: 'audit.Entry', semver: '1.0.0', uses: 'common.Money/1.1.0', source: 'registry', status: 'impacted' },
      { subject: 'order.OrderPlaced', semver: '1.0.0', uses: 'common.Money/1.0.0', source: 'registry', status: 'impacted' },
      { subject: 'payment.PaymentTaken', semver: '1.0.0', uses: 'common.Money/1.0.0', source: 'registry', status: 'impacted' },
      { subject: 'shipping.Charged', semver: '1.0.0', uses: 'common.Money/1.1.0', source: 'registry', status: 'impacted' },
    ]);
    expect(report.findings.filter((f: { check: string }) => f.check === 'shared-type-impact')).toHaveLength(4);
  });

  it('names a shared type referenced only through another one (Currency, through Money, by the events)', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'common.Currency/1.0.0.schema.json': currency1,
      'common.Currency/2.0.0.schema.json': { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'string', enum: ['EUR', 'USD'] },
      'common.Currency/2.0.0.upgrade.jsonata': '$',
    });
    const report = json((await runCli(['check', dir, '--registry', registry.url, '--format', 'json'])).stdout);
    expect(report.impact[0].referencers.map((r: { subject: string }) => r.subject)).toEqual(['audit.Entry', 'common.Money', 'order.OrderPlaced', 'payment.PaymentTaken', 'shipping.Charged']);
  });
});

describe('pull, export and import keep shared types', { timeout: 90_000 }, () => {
  it('pulls an event with the shared types it references, in the $ref form, so push → pull → check → push changes nothing', async () => {
    const dir = await tempDir();
    const pulled = await runCli(['pull', '--registry', registry.url, '--out', dir, '--subjects', 'order.OrderPlaced']);
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toContain('Pulled 3 subject(s)');
    expect(JSON.parse(await readFile(join(dir, 'order.OrderPlaced/1.0.0.schema.json'), 'utf8'))).toEqual(order());
    expect(JSON.parse(await readFile(join(dir, 'common.Money/1.1.0.schema.json'), 'utf8'))).toEqual(money1_1);
    expect(JSON.parse(await readFile(join(dir, 'common.Currency/1.0.0.schema.json'), 'utf8'))).toEqual(currency1);

    const check = await runCli(['check', dir, '--registry', registry.url]);
    expect(check.stdout).toContain(`✓ 0 new or changed version(s) checked against ${registry.url}: no problems.`);
    expect(check.code).toBe(0);
    const again = await runCli(['push', dir, '--registry', registry.url]);
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split('\n')).toEqual([
      'common.Currency 1.0.0  unchanged',
      'common.Money 1.0.0  unchanged',
      'common.Money 1.1.0  unchanged',
      'order.OrderPlaced 1.0.0  unchanged',
    ]);
  });

  it('exports and imports references; the restored registry pulls the same folder', async () => {
    const backupFile = join(await tempDir(), 'backup.json');
    const exported = await runCli(['export', '--registry', registry.url]);
    await writeFile(backupFile, exported.stdout);
    const backup = json(exported.stdout);
    const entry = backup.subjects.find((s: { subject: string }) => s.subject === 'audit.Entry');
    expect(entry.versions[0].references).toEqual([{ name: 'common.Money/1.1.0', subject: 'common.Money', version: 2 }]);
    expect((await runCli(['import', backupFile, '--registry', restored.url])).code).toBe(0);

    const [from, to] = [await tempDir(), await tempDir()];
    expect((await runCli(['pull', '--registry', registry.url, '--out', from])).code).toBe(0);
    expect((await runCli(['pull', '--registry', restored.url, '--out', to])).code).toBe(0);
    for (const file of ['audit.Entry/1.0.0.schema.json', 'payment.PaymentTaken/1.0.0.schema.json', 'common.Money/1.0.0.schema.json']) {
      expect(await readFile(join(to, file), 'utf8')).toBe(await readFile(join(from, file), 'utf8'));
    }
    const check = await runCli(['check', to, '--registry', restored.url]);
    expect(check.stdout).toContain('✓ 0 new or changed version(s) checked');

    // The export as a baseline knows who references a shared type, too.
    const folder = await tempDir();
    await writeFiles(folder, {
      'common.Money/1.0.0.schema.json': money1,
      'common.Money/1.1.0.schema.json': money1_1,
      'common.Money/2.0.0.schema.json': money2,
      'common.Money/2.0.0.upgrade.jsonata': '{ "amount": $string(amount), "currency": currency }',
    });
    const report = json((await runCli(['check', folder, '--against', backupFile, '--format', 'json'])).stdout);
    expect(report.impact[0].referencers.map((r: { subject: string; source: string; status: string }) => [r.subject, r.source, r.status])).toEqual([
      ['audit.Entry', 'baseline', 'impacted'],
      ['order.OrderPlaced', 'baseline', 'impacted'],
      ['payment.PaymentTaken', 'baseline', 'impacted'],
      ['shipping.Charged', 'baseline', 'impacted'],
    ]);
  });

  it('refuses to pull a reference the folder cannot name (another tool registered it as "money.json")', async () => {
    await call(registry.url, 'POST', '/subjects/legacy.Money/versions', { schema: JSON.stringify({ type: 'number' }) });
    const reg = await call(registry.url, 'POST', '/subjects/legacy.Invoice/versions', {
      schema: JSON.stringify({ type: 'object', properties: { total: { $ref: 'money.json' } } }),
      references: [{ name: 'money.json', subject: 'legacy.Money', version: 1 }],
    });
    expect(reg.status).toBe(200);
    const run = await runCli(['pull', '--registry', registry.url, '--out', await tempDir(), '--subjects', 'legacy.Invoice']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`legacy.Invoice version 1 (1.0.0) references 'money.json' = legacy.Money version 1 (1.0.0); a contracts folder names a reference "legacy.Money/1.0.0"`);
  });
});
