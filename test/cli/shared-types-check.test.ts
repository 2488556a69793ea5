import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeFiles } from './support/run-cli.js';
import { money1_1, money2, order, sharedFiles } from './support/shared-contracts.js';

async function folderWith(files: Record<string, unknown>): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, files);
  return dir;
}

const json = (stdout: string) => JSON.parse(stdout);

describe('charter check with shared types (folder form, offline)', { timeout: 90_000 }, () => {
  it('checks events that reference shared types, through nested references and fragments', async () => {
    const run = await runCli(['check', await folderWith(sharedFiles()), '--format', 'json']);
    const report = json(run.stdout);
    expect(report.findings).toEqual([]);
    expect(run.code).toBe(0);
    expect(report.checked.map((c: { subject: string }) => c.subject)).toEqual(['common.Currency', 'common.Money', 'order.OrderPlaced', 'payment.PaymentTaken']);
  });

  it('validates examples with the referenced schemas (a labelled-valid example failing Currency inside Money is a finding)', async () => {
    const dir = await folderWith({
      ...sharedFiles(),
      'order.OrderPlaced/1.0.0.examples.json': { valid: [{ orderId: 'o1', total: { amount: 5, currency: 'euro' } }], invalid: [] },
    });
    const run = await runCli(['check', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[examples-as-labelled]');
    expect(run.stdout).toContain('valid[0] is labelled valid but fails the schema: /total/currency must match pattern');
  });

  it('refuses a reference to a version that does not exist, naming the file and line of the $ref', async () => {
    const dir = await folderWith({ ...sharedFiles(), 'order.OrderPlaced/1.0.0.schema.json': order('common.Money/1.2.0') });
    for (const format of ['text', 'github', 'junit']) {
      const run = await runCli(['check', dir, '--format', format]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("$ref 'common.Money/1.2.0' cannot be resolved: common.Money has no version 1.2.0 (it has 1.0.0)");
    }
    const report = json((await runCli(['check', dir, '--format', 'json'])).stdout);
    expect(report.findings).toEqual([
      expect.objectContaining({ check: 'references-resolve', severity: 'error', subject: 'order.OrderPlaced', semver: '1.0.0', file: join(dir, 'order.OrderPlaced/1.0.0.schema.json'), line: 13 }),
    ]);
  });

  it('refuses a reference cycle between shared types', async () => {
    const dir = await folderWith({
      ...sharedFiles(),
      'common.Currency/1.0.0.schema.json': { type: 'object', properties: { money: { $ref: 'common.Money/1.0.0' } } },
    });
    const run = await runCli(['check', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[references-resolve]');
    expect(run.stdout).toMatch(/reference cycle: common\.(Currency|Money)\/1\.0\.0 → .* → common\.(Currency|Money)\/1\.0\.0/);
  });

  it('judges an event that moves to a breaking shared version with the old references against the new ones', async () => {
    const dir = await folderWith({
      ...sharedFiles(),
      'common.Money/2.0.0.schema.json': money2,
      'common.Money/2.0.0.upgrade.jsonata': '{ "amount": $string(amount), "currency": currency }',
      // Same text shape, only the $ref moves from Money 1.0.0 to 2.0.0: a breaking change of OrderPlaced.
      'order.OrderPlaced/1.1.0.schema.json': order('common.Money/2.0.0'),
    });
    const run = await runCli(['check', dir, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = json(run.stdout);
    const breaks = report.findings.filter((f: { subject: string; severity: string }) => f.subject === 'order.OrderPlaced' && f.severity === 'error');
    expect(breaks.map((f: { check: string }) => f.check)).toEqual(['compatible-within-major']);
    expect(breaks[0].message).toContain('breaks BACKWARD compatibility with 1.0.0 at /properties/total');
  });

  it('accepts an event that moves to a compatible shared version in a minor', async () => {
    const dir = await folderWith({
      ...sharedFiles(),
      'common.Money/1.1.0.schema.json': money1_1,
      'order.OrderPlaced/1.1.0.schema.json': order('common.Money/1.1.0'),
    });
    const run = await runCli(['check', dir, '--format', 'json']);
    const report = json(run.stdout);
    expect(report.findings).toEqual([]);
    expect(run.code).toBe(0);
    expect(report.impact).toEqual([
      {
        subject: 'common.Money',
        semver: '1.1.0',
        previous: '1.0.0',
        breaking: false,
        level: 'BACKWARD',
        referencers: [
          expect.objectContaining({ subject: 'order.OrderPlaced', semver: '1.1.0', uses: 'common.Money/1.1.0', source: 'folder', status: 'picks-up', pickedUpIn: '1.1.0', ok: true }),
          expect.objectContaining({ subject: 'payment.PaymentTaken', semver: '1.0.0', uses: 'common.Money/1.0.0', source: 'folder', status: 'can-pick-up' }),
        ],
      },
    ]);
  });
});

describe('charter check: the impact of a breaking shared type', { timeout: 90_000 }, () => {
  const breaking = () => ({
    ...sharedFiles(),
    'common.Money/2.0.0.schema.json': money2,
    'common.Money/2.0.0.upgrade.jsonata': '{ "amount": $string(amount), "currency": currency }',
  });

  /** The folder committed without Money 2.0.0, then Money 2.0.0 added: check --against main sees only 2.0.0 as new. */
  async function repoWithBreakingMoney(): Promise<string> {
    const repo = await tempDir();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'ci@example.com');
    git('config', 'user.name', 'CI');
    await writeFiles(join(repo, 'schemas'), sharedFiles());
    git('add', '.');
    git('commit', '-q', '-m', 'shared types');
    await writeFiles(join(repo, 'schemas'), breaking());
    return join(repo, 'schemas');
  }

  it('names every subject that references it, directly or through another shared type, as impacted', async () => {
    const dir = await repoWithBreakingMoney();
    const run = await runCli(['check', dir, '--against', 'main', '--format', 'json']);
    const report = json(run.stdout);
    expect(report.checked).toEqual([{ subject: 'common.Money', semver: '2.0.0', file: join(dir, 'common.Money/2.0.0.schema.json') }]);
    expect(run.code).toBe(0); // a new major of a shared type is allowed; its users are warned
    expect(report.impact).toEqual([
      {
        subject: 'common.Money',
        semver: '2.0.0',
        previous: '1.0.0',
        breaking: true,
        level: 'BACKWARD',
        referencers: [
          { subject: 'order.OrderPlaced', semver: '1.0.0', uses: 'common.Money/1.0.0', source: 'folder', status: 'impacted', file: join(dir, 'order.OrderPlaced/1.0.0.schema.json'), line: 13 },
          { subject: 'payment.PaymentTaken', semver: '1.0.0', uses: 'common.Money/1.0.0', source: 'folder', status: 'impacted', file: join(dir, 'payment.PaymentTaken/1.0.0.schema.json'), line: 13 },
        ],
      },
    ]);
    expect(report.findings.map((f: { check: string; severity: string; file: string }) => [f.check, f.severity, f.file])).toEqual([
      ['shared-type-impact', 'warning', join(dir, 'order.OrderPlaced/1.0.0.schema.json')],
      ['shared-type-impact', 'warning', join(dir, 'payment.PaymentTaken/1.0.0.schema.json')],
    ]);
  });

  it('shows the impact in the text, GitHub and JUnit reports', async () => {
    const dir = await repoWithBreakingMoney();
    const text = (await runCli(['check', dir, '--against', 'main'])).stdout;
    expect(text).toContain('shared type common.Money 2.0.0 (breaks 1.0.0 under BACKWARD) is referenced by 2 subject(s):');
    expect(text).toContain('    order.OrderPlaced 1.0.0 (folder, uses common.Money/1.0.0): IMPACTED');
    expect(text).toContain('    payment.PaymentTaken 1.0.0 (folder, uses common.Money/1.0.0): IMPACTED');
    expect(text).toMatch(/! common\.Money 2\.0\.0 {2}.*order\.OrderPlaced\/1\.0\.0\.schema\.json:13 {2}\[shared-type-impact\]/);

    const github = (await runCli(['check', dir, '--against', 'main', '--format', 'github'])).stdout;
    expect(github).toContain(`::warning file=${join(dir, 'order.OrderPlaced/1.0.0.schema.json')},line=13,title=common.Money 2.0.0%3A shared-type-impact::order.OrderPlaced 1.0.0 (folder) references common.Money/1.0.0`);

    const junit = (await runCli(['check', dir, '--against', 'main', '--format', 'junit'])).stdout;
    expect(junit).toMatch(/<testcase classname="common.Money" name="2.0.0" file="[^"]+">\n {6}<system-out>shared type common.Money 2.0.0 \(breaks 1.0.0 under BACKWARD\) is referenced by 2 subject\(s\):/);
    expect(junit).toContain('order.OrderPlaced 1.0.0 (folder, uses common.Money/1.0.0): IMPACTED');
  });

  it('counts a subject that references the shared type through another one (Currency through Money)', async () => {
    const dir = await folderWith({
      ...sharedFiles(),
      'common.Currency/2.0.0.schema.json': { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'string', enum: ['EUR', 'USD'] },
      'common.Currency/2.0.0.upgrade.jsonata': '$',
    });
    const report = json((await runCli(['check', dir, '--format', 'json'])).stdout);
    const currency = report.impact.find((i: { subject: string; semver: string }) => i.subject === 'common.Currency' && i.semver === '2.0.0');
    expect(currency.breaking).toBe(true);
    expect(currency.referencers.map((r: { subject: string; uses: string; status: string }) => [r.subject, r.uses, r.status])).toEqual([
      ['common.Money', 'common.Currency/1.0.0', 'impacted'],
      ['order.OrderPlaced', 'common.Currency/1.0.0', 'impacted'],
      ['payment.PaymentTaken', 'common.Currency/1.0.0', 'impacted'],
    ]);
  });
});
