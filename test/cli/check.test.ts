import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../support/registry.js';
import { orderFiles, v1, v1_1 } from './support/order-contracts.js';
import { runCli, tempDir, writeFiles } from './support/run-cli.js';

const S = 'order.OrderPlaced';

// One registry for the file: starting PGlite costs seconds; tests use distinct subjects instead.
let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

async function folderWith(files: Record<string, unknown>): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, files);
  return dir;
}

describe('charter check (offline, against the folder itself)', () => {
  it('passes the reference contracts with exit code 0', async () => {
    const run = await runCli(['check', await folderWith(orderFiles())]);
    expect(run.stdout).toContain('✓ 3 new or changed version(s) checked');
    expect(run.code).toBe(0);
  });

  it('names the file, the line of the property and a fix when a minor removes a required field', async () => {
    const broken = { ...v1_1, required: ['orderId', 'totalAmount', 'currency'] };
    const dir = await folderWith({ ...orderFiles(), [`${S}/1.1.0.schema.json`]: broken, [`${S}/1.1.0.examples.json`]: { valid: [], invalid: [] } });
    const run = await runCli(['check', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`✗ order\\.OrderPlaced 1\\.1\\.0  .*1\\.1\\.0\\.schema\\.json(:\\d+)?  \\[compatible-within-major\\]`));
    expect(run.stdout).toContain('breaks BACKWARD compatibility with 1.0.0');
    expect(run.stdout).toContain('→ make the change compatible');
    expect(run.stdout).toContain('publish it as 2.0.0');
  });

  it('asks for a minor when a compatible change is declared as a patch', async () => {
    const dir = await folderWith({ [`${S}/1.0.0.schema.json`]: v1, [`${S}/1.0.1.schema.json`]: v1_1 });
    const run = await runCli(['check', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[semver-bump]');
    expect(run.stdout).toContain('1.0.0 → 1.0.1 declares a patch, but the change is a minor');
    expect(run.stdout).toContain('1.1.0.schema.json');
  });

  it('requires an upgrade rule for a new major', async () => {
    const files = orderFiles();
    delete files[`${S}/2.0.0.upgrade.jsonata`];
    const run = await runCli(['check', await folderWith(files)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('2.0.0 starts a new major but has no upgrade rule');
    expect(run.stdout).toContain('2.0.0.upgrade.jsonata');
  });

  it('runs the upgrade rule on the valid examples of the source version and shows the failing event', async () => {
    const dir = await folderWith({ ...orderFiles(), [`${S}/2.0.0.upgrade.jsonata`]: '{ "orderId": orderId }' });
    const run = await runCli(['check', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[migration-rules-verified]');
    expect(run.stdout).toMatch(/the upgrade rule 1\.1\.0 → 2\.0\.0 fails: .*Input: \{"orderId":"o2"/);
  });

  it('fails when an example labelled valid fails its schema, or one labelled invalid passes', async () => {
    const dir = await folderWith({ ...orderFiles(), [`${S}/1.0.0.examples.json`]: { valid: [{ orderId: 1 }], invalid: [{ orderId: 'o', totalAmount: 1 }] } });
    const run = await runCli(['check', dir, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(false);
    const messages = report.findings.filter((f: { check: string }) => f.check === 'examples-as-labelled').map((f: { message: string }) => f.message);
    expect(messages).toEqual([expect.stringContaining('valid[0] is labelled valid but fails the schema'), 'invalid[0] is labelled invalid but passes the schema']);
  });

  it('emits GitHub annotations pointing at the schema file and line', async () => {
    const broken = { ...v1_1, properties: { ...v1_1.properties, totalAmount: { type: 'string' } } };
    const dir = await folderWith({ ...orderFiles(), [`${S}/1.1.0.schema.json`]: broken, [`${S}/1.1.0.examples.json`]: { valid: [], invalid: [] } });
    const run = await runCli(['check', dir, '--format', 'github']);
    expect(run.code).toBe(1);
    const annotation = run.stdout.split('\n').find((l) => l.startsWith('::error '))!;
    const file = join(dir, S, '1.1.0.schema.json');
    const text = await readFile(file, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('"totalAmount":')) + 1;
    expect(annotation).toContain(`file=${file.replace(/:/g, '%3A')},line=${line},title=order.OrderPlaced 1.1.0%3A compatible-within-major::`);
  });

  it('writes JUnit XML with one test case per checked version', async () => {
    const files = orderFiles();
    delete files[`${S}/2.0.0.upgrade.jsonata`];
    const run = await runCli(['check', await folderWith(files), '--format', 'junit']);
    expect(run.stdout).toContain('<testsuites name="charter check" tests="3" failures="1">');
    expect(run.stdout).toMatch(/<testcase classname="order.OrderPlaced" name="2.0.0"[^>]*>\s*<failure type="new-major-has-upgrade-rule"/);
  });
});

describe('charter check --against an export file or a git ref', () => {
  it('checks only the versions the export does not have, and flags a published version that changed', async () => {
    {
      const published = await folderWith(orderFiles());
      await runCli(['push', published, '--registry', registry.url]);
      const exported = await runCli(['export', '--registry', registry.url]);
      const backup = join(await tempDir(), 'backup.json');
      await writeFiles('/', { [backup]: exported.stdout });

      const unchanged = await runCli(['check', published, '--against', backup]);
      expect(unchanged.stdout).toContain(`✓ 0 new or changed version(s) checked against ${backup}`);

      await writeFiles(published, { [`${S}/1.0.0.schema.json`]: { ...v1, required: ['orderId'] } });
      const changed = await runCli(['check', published, '--against', backup]);
      expect(changed.code).toBe(1);
      expect(changed.stdout).toContain('1.0.0 is already published in');
      expect(changed.stdout).toContain('published versions are immutable');
    }
  });

  it('reads the folder as it was at a git ref and checks only what changed since', async () => {
    const repo = await tempDir();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'ci@example.com');
    git('config', 'user.name', 'CI');
    const files = orderFiles();
    const v1Only = Object.fromEntries(Object.entries(files).filter(([path]) => path.includes('/1.0.0') || path.endsWith('subject.json')));
    await writeFiles(join(repo, 'schemas'), v1Only);
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    await writeFiles(join(repo, 'schemas'), files);

    const run = await runCli(['check', join(repo, 'schemas'), '--against', 'main', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).checked.map((c: { semver: string }) => c.semver)).toEqual(['1.1.0', '2.0.0']);
  });

  it('exits 2 naming the ref when the git ref does not exist', async () => {
    const repo = await tempDir();
    execFileSync('git', ['init', '-q'], { cwd: repo });
    await writeFiles(repo, orderFiles());
    const run = await runCli(['check', repo, '--against', 'origin/no-such-branch']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^charter check: --against origin\/no-such-branch: git ref 'origin\/no-such-branch' does not exist/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('charter check --registry (online)', () => {
  it('names the consumer groups a new major leaves without a migration path', async () => {
    const files = orderFiles('shop.Placed');
    const v1Only = Object.fromEntries(Object.entries(files).filter(([path]) => !path.includes('/2.0.0')));
    await runCli(['push', await folderWith(v1Only), '--registry', registry.url]);
    expect((await call(registry.url, 'PUT', '/consumers/billing', { 'shop.Placed': '^1.0.0' })).status).toBe(200);

    delete files['shop.Placed/2.0.0.downgrade.jsonata'];
    const run = await runCli(['check', await folderWith(files), '--registry', registry.url]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("consumer group 'billing' reads shop.Placed ^1.0.0, which excludes 2.0.0");
    expect(run.stdout).toContain(`checked against ${registry.url}`);

    const withDowngrade = await runCli(['check', await folderWith(orderFiles('shop.Placed')), '--registry', registry.url]);
    expect(withDowngrade.stdout).not.toContain('billing');
    expect(withDowngrade.code).toBe(0);
  });

  it("reports the registry's own dry-run verdict, with the samples each rule was verified on, and writes nothing", async () => {
    const run = await runCli(['check', await folderWith(orderFiles('shop.DryRun')), '--registry', registry.url]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('registry dry run: shop.DryRun 1.0.0, 1.1.0, 2.0.0 accepted');
    expect(run.stdout).toMatch(/ {4}2\.0\.0 upgrade rule '[^']+' verified on \d+ example\(s\) \+ \d+ generated event\(s\), (compiled|interpreted)/);
    expect((await call(registry.url, 'GET', '/subjects/shop.DryRun/versions')).status).toBe(404);

    const refused = await runCli(['check', await folderWith({ 'shop.DryRunTwice/1.0.0.schema.json': v1, 'shop.DryRunTwice/1.1.0.schema.json': v1 }), '--registry', registry.url, '--format', 'json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).registry).toEqual([
      { subject: 'shop.DryRunTwice', refused: { semver: '1.1.0', check: 'identical-schema', code: 42211, message: expect.stringContaining('already registered as version 1') } },
    ]);
  });
});
