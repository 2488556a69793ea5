import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { call } from '../../support/registry.js';
import { runCli, tempDir, writeFiles } from '../support/run-cli.js';

/**
 * The scenario corpus: each folder under cases/ is a contracts folder (`after/`), optionally what
 * the registry already holds (`before/`, pushed first), and `expected.json`, the verdict. The
 * runner asks `charter check` offline (against the folder itself, or an export of `before`),
 * `charter check --registry` and then `charter push`, and asserts they all give that verdict.
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
  let against: string[] = [];
  if (hasBefore) {
    const setup = await runCli(['push', join(dir, 'before'), '--registry', url]);
    expect(setup.code, `${name}: pushing before/ must succeed\n${setup.stdout}${setup.stderr}`).toBe(0);
    const exported = await runCli(['export', '--registry', url]);
    const file = join(await tempDir(), 'export.json');
    await writeFiles('/', { [file]: exported.stdout });
    against = ['--against', file];
  }
  const subjects = expected.verdict === 'unreadable' ? [] : await subjectsOf(after);
  const registeredBefore = new Map<string, string[]>();
  for (const { subject } of subjects) registeredBefore.set(subject, await semversOf(url, subject));

  const offline = await runCli(['check', after, ...against, '--format', 'json']);
  const online = await runCli(['check', after, '--registry', url, '--format', 'json']);
  const pushed = await runCli(['push', after, '--registry', url]);
  const why = `${name}\noffline: ${offline.stdout}${offline.stderr}\nregistry: ${online.stdout}${online.stderr}\npush: ${pushed.stdout}${pushed.stderr}`;

  if (expected.verdict === 'unreadable') {
    expect([offline.code, online.code, pushed.code], why).toEqual([2, 2, 2]);
    return;
  }
  const offlineReport = parse(offline.stdout);
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
  expect(firstError(offlineReport, expected.subject), `offline: ${why}`).toMatchObject(want);
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
