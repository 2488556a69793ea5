import { execFileSync } from 'node:child_process';
import { cp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { call } from '../../support/registry.js';
import { runCli, tempDir, writeFiles } from '../support/run-cli.js';

/**
 * The scenario corpus: each folder under cases/ is a contracts folder (`after/`), optionally what
 * the registry already holds (`before/`, pushed first), and `expected.json`, the verdict. The
 * runner asks `charter check` offline (against the folder itself; or, with `before/`, against an
 * export of the registry and against a git ref holding `before/`), `charter check --registry` and
 * then `charter push`, and asserts they all give that verdict.
 */
export const casesDir = join(import.meta.dirname, 'cases');

export type Expected =
  | { verdict: 'accepted' }
  /** `registryRefuses: false` marks a gate-only rule: the registry would take it, the gate (and so push) does not. */
  | { verdict: 'refused'; subject: string; semver: string; check: string; registryRefuses: boolean }
  /** The folder cannot be read as a contracts folder: every command exits 2 and nothing is registered. */
  | { verdict: 'unreadable' };

export async function listCases(): Promise<string[]> {
  return (await readdir(casesDir)).sort();
}

interface Finding {
  severity: string;
  subject: string;
  semver: string;
  check: string;
}
interface Report {
  findings: Finding[];
  registry?: Array<{ subject: string; accepted?: string[]; refused?: { semver: string; check: string } }>;
}

async function semversOf(url: string, subject: string): Promise<string[]> {
  const found = await call(url, 'GET', `/subjects/${encodeURIComponent(subject)}/semvers`);
  return found.status === 200 ? (found.body as Array<{ semver: string }>).map((e) => e.semver) : [];
}

async function subjectsOf(folder: string): Promise<Array<{ subject: string; semvers: string[] }>> {
  const found = [];
  for (const subject of (await readdir(folder)).sort()) {
    if (!(await stat(join(folder, subject))).isDirectory()) continue;
    const files = await readdir(join(folder, subject));
    const semvers = files.filter((f) => f.endsWith('.schema.json')).map((f) => f.replace(/\.schema\.json$/, ''));
    found.push({ subject, semvers });
  }
  return found;
}

const firstError = (report: Report, subject: string) => report.findings.find((f) => f.severity === 'error' && f.subject === subject);
const parse = (text: string): Report => JSON.parse(text) as Report;

/** Runs one case against `url` and asserts check (offline and --registry) and push agree with expected.json. */
export async function runCase(name: string, url: string): Promise<void> {
  const dir = join(casesDir, name);
  const expected = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as Expected;
  const after = join(dir, 'after');
  const hasBefore = await stat(join(dir, 'before')).then(() => true, () => false);
  const offlineRuns: Array<{ how: string; args: string[] }> = [];
  if (!hasBefore) offlineRuns.push({ how: 'offline', args: ['check', after] });
  if (hasBefore) {
    const setup = await runCli(['push', join(dir, 'before'), '--registry', url]);
    expect(setup.code, `${name}: pushing before/ must succeed\n${setup.stdout}${setup.stderr}`).toBe(0);
    const exported = await runCli(['export', '--registry', url]);
    const file = join(await tempDir(), 'export.json');
    await writeFiles('/', { [file]: exported.stdout });
    offlineRuns.push({ how: '--against export', args: ['check', after, '--against', file] });
    offlineRuns.push({ how: '--against git ref', args: ['check', await gitCheckout(dir), '--against', 'published'] });
  }
  const subjects = expected.verdict === 'unreadable' ? [] : await subjectsOf(after);
  const registeredBefore = new Map<string, string[]>();
  for (const { subject } of subjects) registeredBefore.set(subject, await semversOf(url, subject));

  const offline = await runOffline(offlineRuns);
  const online = await runCli(['check', after, '--registry', url, '--format', 'json']);
  const pushed = await runCli(['push', after, '--registry', url]);
  const why = `${name}\noffline: ${offline.stdout}${offline.stderr}\nregistry: ${online.stdout}${online.stderr}\npush: ${pushed.stdout}${pushed.stderr}`;

  if (expected.verdict === 'unreadable') {
    expect([offline.code, online.code, pushed.code], why).toEqual([2, 2, 2]);
    return;
  }
  const onlineReport = parse(online.stdout);
  if (expected.verdict === 'accepted') {
    expect([offline.code, online.code, pushed.code], why).toEqual([0, 0, 0]);
    expect(onlineReport.registry?.every((v) => v.refused === undefined), why).toBe(true);
    for (const { subject, semvers } of subjects) {
      expect((await semversOf(url, subject)).sort(), why).toEqual(semvers.sort());
    }
    return;
  }
  expect([offline.code, online.code, pushed.code], why).toEqual([1, 1, 1]);
  const want = { subject: expected.subject, semver: expected.semver, check: expected.check };
  for (const [how, report] of offline.reports) expect(firstError(report, expected.subject), `${how}: ${why}`).toMatchObject(want);
  expect(firstError(onlineReport, expected.subject), `--registry: ${why}`).toMatchObject(want);
  const registryVerdict = onlineReport.registry?.find((v) => v.subject === expected.subject);
  if (expected.registryRefuses) {
    // The registry itself, in a dry run of exactly what push sends, refuses the same version by the same rule.
    expect(registryVerdict?.refused, `registry dry run: ${why}`).toMatchObject({ semver: expected.semver, check: expected.check });
  } else {
    expect(registryVerdict?.refused, `registry dry run: ${why}`).toBeUndefined();
  }
  // All or nothing: push registered nothing of any subject in the folder.
  for (const { subject } of subjects) expect(await semversOf(url, subject), why).toEqual(registeredBefore.get(subject));
  expect(pushed.stderr, why).toContain('Nothing was registered');
}

/**
 * A git repository whose commit `published` holds before/ as `schemas/`, with after/ checked out
 * over it: what a pull request looks like to `check --against <ref>`. Returns the schemas folder.
 */
async function gitCheckout(caseDir: string): Promise<string> {
  const repo = await tempDir('charter-scenario-git-');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '-q', '-b', 'published');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'CI');
  await cp(join(caseDir, 'before'), join(repo, 'schemas'), { recursive: true });
  git('add', '.');
  git('commit', '-q', '-m', 'published');
  await rm(join(repo, 'schemas'), { recursive: true });
  await cp(join(caseDir, 'after'), join(repo, 'schemas'), { recursive: true });
  return join(repo, 'schemas');
}

/** Every offline way of asking, which must agree on the exit code; their reports are all checked. */
async function runOffline(runs: Array<{ how: string; args: string[] }>) {
  const results = [];
  for (const { how, args } of runs) results.push({ how, ...(await runCli([...args, '--format', 'json'])) });
  const codes = new Set(results.map((r) => r.code));
  const stdout = results.map((r) => `[${r.how}] ${r.stdout}`).join('\n');
  const stderr = results.map((r) => r.stderr).join('');
  if (codes.size !== 1) return { code: -1, stdout, stderr, report: { findings: [] } as Report, reports: [] as Array<[string, Report]> };
  const reports = results.map((r): [string, Report] => [r.how, r.code === 2 ? { findings: [] } : parse(r.stdout)]);
  return { code: results[0]!.code, stdout, stderr, report: reports[0]![1], reports };
}

/**
 * One third of the corpus (case index mod 3 = `part`) against its own registry: the corpus is split
 * over three files so each stays well under a minute.
 */
export async function describeCorpusPart(part: 0 | 1 | 2): Promise<void> {
  const { afterAll, beforeAll, describe, it } = await import('vitest');
  const { startRegistry } = await import('../../support/registry.js');
  const cases = (await listCases()).filter((_, i) => i % 3 === part);
  describe(`charter check predicts what charter push does (scenario corpus, part ${part + 1} of 3)`, () => {
    let registry: Awaited<ReturnType<typeof startRegistry>>;
    beforeAll(async () => {
      registry = await startRegistry();
    });
    afterAll(() => registry.close());

    it('has its share of the corpus', () => {
      if (cases.length < 10) throw new Error(`only ${cases.length} cases in this part`);
    });
    for (const name of cases) it(name, () => runCase(name, registry.url), 60_000);
  });
}
