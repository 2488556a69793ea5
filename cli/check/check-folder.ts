import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import semver from 'semver';
import { ContractError, type ContractFolder, type ContractSubject } from '../../codegen/index.js';
import { ruleFor, type RuleSet } from '../../core/migrate/index.js';
import { canonicalJson } from '../../core/schema/canonical.js';
import type { Baseline, BaselineSubject, BaselineVersion } from './baseline.js';
import type { CheckReport, Finding } from './finding.js';
import type { CheckConfig, CheckedVersion, VersionContext } from './version-context.js';
import { compatibilityLevels, type CompatibilityLevel } from '../../core/compat/index.js';
import { versionChecks } from './version-checks.js';
import { checkReferences, referenceFinding, type CheckReferences } from './reference-closures.js';
import { sharedTypeImpact, type CheckedNew } from './impact.js';
import { UsageError } from '../usage-error.js';

/**
 * The gate: compares a contracts folder with a baseline and runs every version check on each
 * version the baseline does not have (or has with different content). Older versions, from the
 * folder and the baseline merged, are what the new ones are judged against.
 */
export async function checkFolder(dir: string, folder: ContractFolder, baseline: Baseline): Promise<CheckReport> {
  const report: CheckReport = { against: baseline.source, checked: [], findings: [] };
  // References first: every version is compiled and compared with the schemas it references, so a
  // reference that resolves nowhere (or a cycle) stops the gate before it judges anything.
  let refs: CheckReferences;
  try {
    refs = checkReferences(dir, folder, baseline);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    report.findings.push(referenceFinding(error));
    return report;
  }
  const checkedNew: CheckedNew[] = [];
  for (const subject of folder.subjects) {
    const published = baseline.subjects.get(subject.subject);
    const { merged, changed, removed, asPublished } = mergeVersions(subject, published, refs);
    const publishedSemvers = new Set(published?.versions.map((v) => v.semver));
    for (const v of removed) {
      report.findings.push({
        check: 'published-version-kept', severity: 'warning', subject: subject.subject, semver: v,
        file: join(dir, subject.subject), message: `${v} is in ${baseline.source} but no longer in the folder`,
        hint: 'deleting the file does not delete the version; restore it so the folder stays the record of what is published',
      });
    }
    const config = configOf(subject, published);
    const base = { dir, subject: subject.subject, level: config.compatibilityLevel, config, readers: baseline.readers.get(subject.subject) ?? [] };
    // What the registry holds when push reaches each new version: the baseline's versions in their
    // registration order, then the folder's new ones in semver order (push's order).
    const live: CheckedVersion[] = (published?.versions ?? []).map(asPublished);
    for (const v of [...subject.versions].sort((a, b) => semver.compare(a.semver, b.semver))) {
      if (publishedSemvers.has(v.semver) && !changed.has(v.semver)) continue;
      const file = join(dir, v.schemaFile);
      const version = merged.find((m) => m.semver === v.semver)!;
      report.checked.push({ subject: subject.subject, semver: v.semver, file });
      if (changed.has(v.semver)) {
        report.findings.push(changedFinding({ ...base, version, previous: [], live, schemaText: '' }, file, baseline.source));
        continue;
      }
      const ctx: VersionContext = {
        ...base,
        version,
        previous: merged.filter((m) => semver.lt(m.semver, v.semver)),
        live: [...live],
        schemaText: await readFile(file, 'utf8').catch(() => ''),
      };
      report.findings.push(...(await runChecks(ctx)));
      checkedNew.push({ subject: subject.subject, version, previous: ctx.previous.at(-1), config, file });
      live.push(version);
    }
  }
  await sharedTypeImpact(report, dir, folder, baseline, refs, checkedNew);
  return report;
}

async function runChecks(ctx: VersionContext): Promise<Finding[]> {
  const found: Finding[] = [];
  for (const check of versionChecks) {
    const result = await check.run(ctx);
    found.push(...result);
    if (check.gate && result.some((f) => f.severity === 'error')) break;
  }
  return found;
}

/**
 * Folder versions over published ones (the folder's copy has the examples), sorted by semver, each
 * with the closure of its references (so a version is compared with the shared types it uses).
 */
function mergeVersions(subject: ContractSubject, published: BaselineSubject | undefined, refs: CheckReferences) {
  const withClosure = ({ semver, schema, ruleSet, examples }: CheckedVersion | BaselineVersion): CheckedVersion => {
    const references = refs.closureOf(subject.subject, semver);
    return { semver, schema, ruleSet, examples, ...(Object.keys(references).length > 0 ? { references } : {}) };
  };
  const bySemver = new Map<string, CheckedVersion>((published?.versions ?? []).map((v) => [v.semver, withClosure(v)]));
  const changed = new Set<string>();
  for (const v of subject.versions) {
    const old = bySemver.get(v.semver);
    if (old && fingerprint(old) !== fingerprint(v)) changed.add(v.semver);
    bySemver.set(v.semver, withClosure(v));
  }
  const inFolder = new Set(subject.versions.map((v) => v.semver));
  const removed = [...bySemver.keys()].filter((v) => !inFolder.has(v));
  const merged = [...bySemver.values()].sort((a, b) => semver.compare(a.semver, b.semver));
  const asPublished = (v: BaselineVersion): CheckedVersion => (changed.has(v.semver) ? { semver: v.semver, schema: v.schema, ruleSet: v.ruleSet } : merged.find((m) => m.semver === v.semver)!);
  return { merged, changed, removed, asPublished };
}

/** What makes a published version what it is: the schema and its migration expressions. */
function fingerprint(v: { schema: unknown; ruleSet?: RuleSet }): string {
  const expr = (direction: 'UPGRADE' | 'DOWNGRADE') => ruleFor(v.ruleSet, direction)?.expr.trim() ?? null;
  return canonicalJson({ schema: v.schema, upgrade: expr('UPGRADE'), downgrade: expr('DOWNGRADE') });
}

function changedFinding(ctx: VersionContext, file: string, source: string): Finding {
  const next = semver.inc(ctx.live.at(-1)?.semver ?? ctx.version.semver, 'patch');
  return {
    check: 'published-version-unchanged', severity: 'error', subject: ctx.subject, semver: ctx.version.semver, file,
    message: `${ctx.version.semver} is already published in ${source} with different content; published versions are immutable`,
    hint: `revert ${file} (and its rules), and publish the change as a new version (e.g. ${next} or higher, as the change requires)`,
  };
}

/** The settings push leaves on the registry: subject.json over what the baseline has, over the registry's defaults. */
function configOf(subject: ContractSubject, published: BaselineSubject | undefined): CheckConfig {
  const level = (subject.settings.compatibility ?? published?.compatibility ?? 'BACKWARD').toUpperCase() as CompatibilityLevel;
  if (!compatibilityLevels.includes(level)) throw new UsageError(`${subject.subject}/subject.json: compatibility '${level}' is not one of ${compatibilityLevels.join(', ')}`);
  const group = subject.settings.compatibilityGroup ?? published?.compatibilityGroup;
  return {
    compatibilityLevel: level,
    compatibilityPolicy: published?.compatibilityPolicy ?? 'STRICT',
    requireMigration: subject.settings.requireMigration ?? published?.requireMigration ?? true,
    ...(group ? { compatibilityGroup: group } : {}),
    ...(published?.settings?.normalize === true ? { normalize: true } : {}),
  };
}
