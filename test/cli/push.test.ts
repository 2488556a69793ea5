import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../support/registry.js';
import { orderFiles, subject, upgradeTo2, v1 } from './support/order-contracts.js';
import { startFailingProxy } from './support/failing-proxy.js';
import { runCli, tempDir, writeFiles } from './support/run-cli.js';

describe('charter push', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry.close());

  it('registers every version in semver order with its semver, rules and examples', async () => {
    const dir = await tempDir();
    await writeFiles(dir, orderFiles());
    const run = await runCli(['push', dir, '--registry', registry.url]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/order\.OrderPlaced 1\.0\.0 {2}registered \(id \d+, version 1\)/);
    expect(run.stdout).toMatch(/order\.OrderPlaced 2\.0\.0 {2}registered \(id \d+, version 3\)/);
    const semvers = await call(registry.url, 'GET', `/subjects/${subject}/semvers`);
    expect(semvers.body.map((e: { semver: string }) => e.semver)).toEqual(['1.0.0', '1.1.0', '2.0.0']);
    const v2 = await call(registry.url, 'GET', `/subjects/${subject}/versions/2.0.0`);
    const rules = v2.body.ruleSet.migrationRules.map((r: { mode: string; expr: string }) => [r.mode, r.expr]);
    expect(rules).toContainEqual(['UPGRADE', upgradeTo2]);
    expect(rules.map((r: string[]) => r[0])).toContain('DOWNGRADE');
    const upcast = await call(registry.url, 'POST', `/subjects/${subject}/upcast`, { event: { orderId: 'o9', totalAmount: 5 }, from: '1.0.0', to: '2.0.0' });
    expect(upcast.body.event).toEqual({ orderId: 'o9', pricing: { total: 5, currency: 'EUR' } });
  });

  it('reports every version unchanged when the same folder is pushed twice', async () => {
    const dir = await tempDir();
    await writeFiles(dir, orderFiles('shop.Twice'));
    expect((await runCli(['push', dir, '--registry', registry.url])).code).toBe(0);
    const again = await runCli(['push', dir, '--registry', registry.url]);
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split('\n')).toEqual(['shop.Twice 1.0.0  unchanged', 'shop.Twice 1.1.0  unchanged', 'shop.Twice 2.0.0  unchanged']);
    expect((await call(registry.url, 'GET', '/subjects/shop.Twice/versions')).body).toEqual([1, 2, 3]);
  });

  it("sets the subject's compatibility level from subject.json before registering", async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'shop.Full/subject.json': { compatibility: 'FULL' }, 'shop.Full/1.0.0.schema.json': v1 });
    const run = await runCli(['push', dir, '--registry', registry.url]);
    expect(run.stdout).toContain('shop.Full  config set: compatibility=FULL');
    expect((await call(registry.url, 'GET', '/config/shop.Full')).body.compatibilityLevel).toBe('FULL');
  });

  it('registers nothing from a folder that fails the offline check', async () => {
    const dir = await tempDir();
    const files = orderFiles('shop.Broken');
    delete files['shop.Broken/2.0.0.upgrade.jsonata'];
    await writeFiles(dir, files);
    const run = await runCli(['push', dir, '--registry', registry.url]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[new-major-has-upgrade-rule]');
    expect(run.stderr).toContain('Nothing was registered');
    expect((await call(registry.url, 'GET', '/subjects/shop.Broken/versions')).status).toBe(404);
  });

  it('refuses to overwrite a registered version whose schema changed in the folder', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'shop.Fixed/1.0.0.schema.json': v1 });
    await runCli(['push', dir, '--registry', registry.url]);
    await writeFiles(dir, { 'shop.Fixed/1.0.0.schema.json': { ...v1, required: ['orderId'] } });
    const run = await runCli(['push', dir, '--registry', registry.url]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ shop\.Fixed 1\.0\.0 {2}.*1\.0\.0\.schema\.json {2}\[published-version-unchanged\]/);
    expect(run.stdout).toContain('published versions are immutable');
    expect(run.stderr).toContain('Nothing was registered');
  });

  it('exits 2 naming the URL when the registry is unreachable', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'shop.X/1.0.0.schema.json': v1 });
    const run = await runCli(['push', dir, '--registry', 'http://127.0.0.1:9']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('http://127.0.0.1:9');
  });

  const semversOf = async (name: string) => {
    const found = await call(registry.url, 'GET', `/subjects/${name}/semvers`);
    return found.status === 404 ? [] : found.body.map((e: { semver: string }) => e.semver);
  };

  it('registers nothing, of any subject, when one version of one subject would be refused by the registry', async () => {
    // shop.AllA is fine; shop.AllB's 1.1.0 is a back-patch below its registered 2.0.0.
    const setup = await tempDir();
    await writeFiles(setup, { 'shop.AllB/1.0.0.schema.json': v1, 'shop.AllB/2.0.0.schema.json': { ...v1, required: ['orderId'] } });
    await writeFiles(setup, { 'shop.AllB/subject.json': { requireMigration: false } });
    expect((await runCli(['push', setup, '--registry', registry.url])).code).toBe(0);
    const dir = await tempDir();
    await writeFiles(dir, {
      ...orderFiles('shop.AllA'),
      'shop.AllB/subject.json': { requireMigration: false },
      'shop.AllB/1.0.0.schema.json': v1,
      'shop.AllB/1.1.0.schema.json': { ...v1, description: 'a back-patch' },
      'shop.AllB/2.0.0.schema.json': { ...v1, required: ['orderId'] },
    });
    const run = await runCli(['push', dir, '--registry', registry.url]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ shop\.AllB 1\.1\.0 .*\[semver-order\]/);
    expect(run.stderr).toContain('Nothing was registered');
    expect(await semversOf('shop.AllA')).toEqual([]);
    expect(await semversOf('shop.AllB')).toEqual(['1.0.0', '2.0.0']);
  });

  for (const when of ['before', 'after'] as const) {
    it(`stops when the registry fails mid-push (${when} the write) and says exactly what was registered`, async () => {
      const dir = await tempDir();
      await writeFiles(dir, { ...orderFiles(`shop.Mid${when}A`), ...orderFiles(`shop.Mid${when}B`), ...orderFiles(`shop.Mid${when}C`) });
      // Every dry run passes; the write of the second subject fails (each time the CLI retries it).
      const proxy = await startFailingProxy(registry.url, (method, url) => method === 'POST' && url === `/subjects/shop.Mid${when}B/versions/batch`, when);
      try {
        const run = await runCli(['push', dir, '--registry', proxy.url]);
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(new RegExp(`shop\\.Mid${when}A 2\\.0\\.0 {2}registered`));
        expect(run.stdout).toContain(`shop.Mid${when}B  FAILED`);
        const fate = when === 'before' ? 'not registered (nothing of it was written)' : 'registered in full (the answer was lost, the write was not)';
        expect(run.stderr).toContain(`Push stopped at shop.Mid${when}B: ${fate}.`);
        const registered = when === 'before' ? [`shop.Mid${when}A`] : [`shop.Mid${when}A`, `shop.Mid${when}B`];
        expect(run.stderr).toContain(`Registered by this push: ${registered.join(', ')}.`);
        const missing = when === 'before' ? [`shop.Mid${when}B`, `shop.Mid${when}C`] : [`shop.Mid${when}C`];
        expect(run.stderr).toContain(`Not registered: ${missing.join(', ')}.`);
      } finally {
        await proxy.close();
      }
      // No subject is half-pushed: each has all of its versions or none.
      const all = ['1.0.0', '1.1.0', '2.0.0'];
      expect(await semversOf(`shop.Mid${when}A`)).toEqual(all);
      expect(await semversOf(`shop.Mid${when}B`)).toEqual(when === 'before' ? [] : all);
      expect(await semversOf(`shop.Mid${when}C`)).toEqual([]);
      // Pushing again registers only what is missing.
      const again = await runCli(['push', dir, '--registry', registry.url]);
      expect(again.code).toBe(0);
      expect(await semversOf(`shop.Mid${when}C`)).toEqual(all);
    });
  }
});
