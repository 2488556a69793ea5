import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContractFolder } from '../../codegen/index.js';
import { RegistryError } from '../../core/errors/index.js';
import type { CliRegistry } from '../registry.js';
import { checkFolder } from './check-folder.js';
import type { CheckReport, RegistryVerdict } from './finding.js';
import { checkOfRefusal, findingsOfRefusal } from './policy-findings.js';
import { planPush, registerBody, type SubjectPlan } from './push-plan.js';
import { registryBaseline } from './registry-baseline.js';

const enc = encodeURIComponent;

/**
 * What `charter push` would do, without doing it: the offline checks against the live registry's
 * versions, then every subject's new versions (and subject.json settings) sent to the registry as a
 * dry-run batch, so the registry itself judges them with exactly the checks a push runs. `check
 * --registry` reports this; `push` runs it first and registers nothing unless it is clean.
 */
export async function registryGate(registry: CliRegistry, dir: string, folder: ContractFolder): Promise<{ report: CheckReport; plan: SubjectPlan[] }> {
  const baseline = await registryBaseline(registry, folder);
  const report = await checkFolder(dir, folder, baseline);
  const plan = planPush(folder, baseline);
  report.registry = [];
  for (const subject of plan) {
    if (subject.fresh.length === 0) continue;
    const verdict = await dryRunSubject(registry, subject);
    report.registry.push(verdict.verdict);
    for (const f of verdict.refusal ? await refusalFindings(dir, subject, verdict.refusal) : []) {
      // The offline checks usually found it already, under the same name: report it once.
      const known = report.findings.some((g) => g.severity === 'error' && g.subject === f.subject && g.semver === f.semver && g.check === f.check);
      if (!known) report.findings.push({ ...f, message: `the registry refuses it: ${f.message}` });
    }
  }
  return { report, plan };
}

async function dryRunSubject(registry: CliRegistry, plan: SubjectPlan): Promise<{ verdict: RegistryVerdict; refusal?: RegistryError }> {
  try {
    await registry.http.request('POST', `/subjects/${enc(plan.subject)}/versions/batch?dryRun=true`, batchBody(plan));
    return { verdict: { subject: plan.subject, accepted: plan.fresh.map((v) => v.semver) } };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const semver = refusedSemver(plan, error);
    return { verdict: { subject: plan.subject, refused: { semver, check: checkOfRefusal(error), code: error.errorCode, message: error.message } }, refusal: error };
  }
}

/** The body of a subject's batch: its new versions, oldest first, and the settings they need. */
export function batchBody(plan: SubjectPlan) {
  return { versions: plan.fresh.map((v) => registerBody(v, plan.contract)), ...(plan.config ? { config: plan.config } : {}) };
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
