import semver from 'semver';
import { classifyChange, type CompatibilityLevel } from '../../core/compat/index.js';
import { parseContractRef, type ContractFolder } from '../../codegen/index.js';
import type { Baseline, Referencer } from './baseline.js';
import type { CheckReport, Finding, ImpactedSubject, SharedTypeImpact } from './finding.js';
import type { CheckReferences } from './reference-closures.js';
import type { CheckConfig, CheckedVersion } from './version-context.js';

/** A new version the gate checked, with what it is compared with for the impact report. */
export interface CheckedNew {
  subject: string;
  version: CheckedVersion;
  /** The version before it by semver (folder and baseline merged), if any. */
  previous?: CheckedVersion;
  config: CheckConfig;
  file: string;
}

/**
 * The impact of changing a shared type. For every new version (not the first) of a subject that
 * others reference (in the folder, or — with a registry or an export as the baseline — outside
 * it), the report names each referencing subject and what happens to it:
 * - `picks-up`: it has a new version referencing the new shared version; the gate checked that
 *   version against its previous one with the new closure (its findings say how it went);
 * - `impacted`: the shared change breaks compatibility and the subject still references an older
 *   version: it keeps working there, and moving to the new one needs a new major of its own;
 * - `can-pick-up`: the change is compatible; the subject may move to it in a minor.
 * Impacted subjects are also warnings, on the `$ref` line when the subject is in the folder.
 */
export async function sharedTypeImpact(report: CheckReport, dir: string, folder: ContractFolder, baseline: Baseline, refs: CheckReferences, checked: CheckedNew[]): Promise<void> {
  const impacts: SharedTypeImpact[] = [];
  for (const shared of checked) {
    // A subject's first version changes nothing for anyone: whoever references it was checked with it.
    if (shared.previous === undefined) continue;
    const referencers = await referencersOf(shared.subject, dir, folder, baseline, refs);
    if (referencers.length === 0) continue;
    const name = `${shared.subject}/${shared.version.semver}`;
    const level = (shared.config.compatibilityLevel === 'NONE' ? 'BACKWARD' : shared.config.compatibilityLevel) as CompatibilityLevel;
    const breaking = classifyChange(shared.previous, shared.version, level, { policy: shared.config.compatibilityPolicy }) === 'major';
    const subjects: ImpactedSubject[] = referencers.map((r) => {
      const pickedUp = checked.find((c) => c.subject === r.subject && name in (c.version.references ?? {}));
      if (pickedUp) {
        const ok = !report.findings.some((f) => f.severity === 'error' && f.subject === r.subject && f.semver === pickedUp.version.semver);
        return { ...r, status: 'picks-up', pickedUpIn: pickedUp.version.semver, ok };
      }
      return { ...r, status: breaking ? 'impacted' : 'can-pick-up' };
    });
    impacts.push({ subject: shared.subject, semver: shared.version.semver, previous: shared.previous.semver, breaking, level, referencers: subjects });
    for (const r of subjects.filter((s) => s.status === 'impacted')) report.findings.push(impactFinding(shared, r, level));
  }
  if (impacts.length > 0) report.impact = impacts;
}

function impactFinding(shared: CheckedNew, r: ImpactedSubject, level: string): Finding {
  const semver = shared.version.semver;
  return {
    check: 'shared-type-impact',
    severity: 'warning',
    subject: shared.subject,
    semver,
    file: r.file ?? shared.file,
    ...(r.line !== undefined ? { line: r.line } : {}),
    message: `${r.subject} ${r.semver} (${r.source}) references ${r.uses}; ${shared.subject} ${semver} breaks ${level} compatibility with ${shared.previous!.semver}, so ${r.subject} keeps ${r.uses} until it moves in a new major`,
    hint: `to pick up ${shared.subject}/${semver}, publish ${r.subject} as a new major with an upgrade rule (or make the ${shared.subject} change compatible)`,
  };
}

type Found = Omit<ImpactedSubject, 'status' | 'pickedUpIn' | 'ok'>;

/**
 * Subjects other than `shared` that reference it, directly or through another shared type: per
 * subject its latest such version, the folder's first, then the baseline's (an export's data, or
 * the registry's `referencedby`).
 */
async function referencersOf(shared: string, dir: string, folder: ContractFolder, baseline: Baseline, refs: CheckReferences): Promise<Found[]> {
  const found = new Map<string, Found>();
  for (const v of refs.folder.referencers(shared)) {
    if (v.subject.subject === shared) continue;
    const uses = Object.keys(refs.folder.closure(v.subject.subject, v.version.semver)).filter((n) => n.startsWith(`${shared}/`)).sort(bySemverOfName).at(-1)!;
    const direct = v.version.references?.find((r) => r.name === uses);
    const file = `${dir}/${v.version.schemaFile}`;
    found.set(v.subject.subject, { subject: v.subject.subject, semver: v.version.semver, uses, source: 'folder', file, ...(direct ? { line: direct.line } : {}) });
  }
  // Outside the folder: the registry's walk (transitive), or the baseline's own data (an export).
  const inFolder = new Set(folder.subjects.map((s) => s.subject));
  const outside = baseline.referencedBy ? await baseline.referencedBy(shared) : referencersInData(baseline, shared);
  for (const r of latestPerSubject(outside)) {
    if (r.subject === shared || found.has(r.subject) || inFolder.has(r.subject)) continue;
    found.set(r.subject, { subject: r.subject, semver: r.semver, uses: r.uses ?? shared, source: baseline.referencedBy ? 'registry' : 'baseline' });
  }
  return [...found.values()].sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}

/** Versions in the baseline's data that reference `shared`, directly or through other subjects of it. */
function referencersInData(baseline: Baseline, shared: string): Referencer[] {
  const found: Referencer[] = [];
  const seen = new Set([shared]);
  const queue = [{ subject: shared, uses: undefined as string | undefined }];
  while (queue.length > 0) {
    const target = queue.shift()!;
    for (const [name, s] of baseline.subjects) {
      for (const v of s.versions) {
        const ref = v.references?.find((r) => r.subject === target.subject);
        if (!ref) continue;
        // Through an intermediate shared type, name the version of `shared` that one uses.
        const uses = target.uses ?? ref.name;
        found.push({ subject: name, semver: v.semver, uses });
        if (!seen.has(name)) {
          seen.add(name);
          queue.push({ subject: name, uses });
        }
      }
    }
  }
  return found;
}

function latestPerSubject(all: Referencer[]): Referencer[] {
  const latest = new Map<string, Referencer>();
  for (const r of all) {
    const known = latest.get(r.subject);
    if (!known || semver.gt(r.semver, known.semver)) latest.set(r.subject, r);
  }
  return [...latest.values()];
}

function bySemverOfName(a: string, b: string): number {
  return semver.compare(parseContractRef(a)?.semver ?? '0.0.0', parseContractRef(b)?.semver ?? '0.0.0');
}
