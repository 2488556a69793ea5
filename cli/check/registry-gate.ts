import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContractFolder } from '../../codegen/index.js';
import { RegistryError } from '../../core/errors/index.js';
import type { CliRegistry } from '../registry.js';
import { checkFolder } from './check-folder.js';
import type { CheckReport, RegistryVerdict } from './finding.js';
import { checkOfRefusal, findingsOfRefusal } from './policy-findings.js';
import { confluentReferences } from '../../codegen/index.js';
import { planPush, registerBody, versionNumbers, type SubjectPlan } from './push-plan.js';
import { registryBaseline } from './registry-baseline.js';

const enc = encodeURIComponent;

/** What the registry answers a dry-run batch with (the fields the report uses). */
interface DryRunAnswer {
  results: Array<{ semver: string; migrationRules?: Array<{ rule: string; direction: string; executor: string; samples: { examples: number; generated: number } }> }>;
}

/**
 * What `charter push` would do, without doing it: the offline checks against the live registry's
 * versions, then every subject's new versions (and subject.json settings) sent to the registry as a
 * dry-run batch, so the registry itself judges them with exactly the checks a push runs. `check
 * --registry` reports this; `push` runs it first and registers nothing unless it is clean.
 */
export async function registryGate(registry: CliRegistry, dir: string, folder: ContractFolder): Promise<{ report: CheckReport; plan: SubjectPlan[]; numbers: Map<string, number> }> {
  const baseline = await registryBaseline(registry, folder);
  const report = await checkFolder(dir, folder, baseline);
  const numbers = versionNumbers(baseline);
  // References that resolve nowhere (or loop) leave nothing to plan: the finding says what to fix.
  if (report.findings.some((f) => f.check === 'references-resolve')) return { report, plan: [], numbers };
  const plan = planPush(folder, baseline);
  report.registry = [];
  for (const subject of plan) {
    if (subject.fresh.length === 0) continue;
    // A subject referencing versions this push registers first cannot be dry-run before they exist:
    // the offline checks above judged it, with those versions' schemas.
    const awaits = [...new Set(subject.fresh.flatMap((v) => confluentReferences(v, numbers).missing))];
    if (awaits.length > 0) {
      report.registry.push({ subject: subject.subject, awaits });
      continue;
    }
    const verdict = await dryRunSubject(registry, subject, numbers);
    report.registry.push(verdict.verdict);
    for (const f of verdict.refusal ? await refusalFindings(dir, subject, verdict.refusal) : []) {
      // The offline checks usually found it already, under the same name: report it once.
      const known = report.findings.some((g) => g.severity === 'error' && g.subject === f.subject && g.semver === f.semver && g.check === f.check);
      if (!known) report.findings.push({ ...f, message: `the registry refuses it: ${f.message}` });
    }
  }
  return { report, plan, numbers };
}

async function dryRunSubject(registry: CliRegistry, plan: SubjectPlan, numbers: ReadonlyMap<string, number>): Promise<{ verdict: RegistryVerdict; refusal?: RegistryError }> {
  try {
    const answer = await registry.http.request<DryRunAnswer>('POST', `/subjects/${enc(plan.subject)}/versions/batch?dryRun=true`, batchBody(plan, numbers));
    const rules = answer.results.flatMap((r) => (r.migrationRules ?? []).map((rule) => ({ semver: r.semver, ...rule })));
    return { verdict: { subject: plan.subject, accepted: plan.fresh.map((v) => v.semver), ...(rules.length ? { rules } : {}) } };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const semver = refusedSemver(plan, error);
    return { verdict: { subject: plan.subject, refused: { semver, check: checkOfRefusal(error), code: error.errorCode, message: error.message } }, refusal: error };
  }
}

/** The body of a subject's batch: its new versions, oldest first (with their references), and the settings they need. */
export function batchBody(plan: SubjectPlan, numbers: ReadonlyMap<string, number>) {
  return { versions: plan.fresh.map((v) => registerBody(v, plan.contract, numbers)), ...(plan.config ? { config: plan.config } : {}) };
}

/** The version a batch refusal is about (`failedAt`), else the subject's first new version. */
export function refusedSemver(plan: SubjectPlan, error: RegistryError): string {
  const failedAt = error.details.failedAt as { index?: number } | undefined;
  return plan.fresh[failedAt?.index ?? 0]?.semver ?? plan.fresh[0]!.semver;
}

async function refusalFindings(dir: string, plan: SubjectPlan, error: RegistryError) {
  const semver = refusedSemver(plan, error);
  const schemaText = await readFile(join(dir, plan.subject, `${semver}.schema.json`), 'utf8').catch(() => '');
  return findingsOfRefusal({ dir, subject: plan.subject, schemaText, version: { semver } }, { code: error.code, message: error.message, details: error.details });
}

/** A registry's "no" about the versions, as opposed to a registry that cannot answer (auth, outage, an old server). */
export function isRefusal(error: unknown): error is RegistryError {
  return error instanceof RegistryError && error.status < 500 && ![401, 403, 404, 429].includes(error.status);
}
