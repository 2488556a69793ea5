import { SubjectNotFoundError } from '../client/index.js';
import { loadContracts } from '../codegen/index.js';
import { flag, parseFlags, registryOption, requireFlag } from './args.js';
import { hasErrors } from './check/finding.js';
import { formats } from './check/formats.js';
import { batchBody, isRefusal, registryGate, refusedSemver } from './check/registry-gate.js';
import type { SubjectPlan } from './check/push-plan.js';
import { err, out } from './output.js';
import { openRegistry, type CliRegistry } from './registry.js';
import { UsageError } from './usage-error.js';

export const pushHelp = `charter push DIR --registry URL

Registers what is new in a contracts folder, per subject in semver order, with its declared semver,
migration rules (<semver>.upgrade.jsonata / .downgrade.jsonata), valid example events and the
subject.json settings (compatibility, compatibilityGroup, requireMigration). A schema's $refs to
other contracts ({"$ref": "common.Money/1.0.0"}) are sent as Confluent references {name, subject,
version}, and subjects whose new versions others reference are registered first.

All or nothing: first the whole folder is checked exactly as 'charter check DIR --registry URL'
does (the offline checks against the registry's versions, then a dry run of every subject's new
versions on the registry itself); if anything would be refused, nothing is registered. Then each
subject's new versions and settings are written in one transaction: a subject is never left
half-pushed. If the registry changes or fails in between, push stops and says exactly which
subjects were registered and which were not. Versions already registered are reported unchanged.`;

const enc = encodeURIComponent;

/** `charter push`: exit 0 when everything is registered or unchanged, 1 when something was refused. */
export async function push(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, registryOption, pushHelp, 1);
  const registry = openRegistry(requireFlag(values, 'registry', pushHelp), flag(values, 'ca'));
  const dir = positionals[0];
  if (dir === undefined) throw new UsageError(`name the contracts folder to push\n\n${pushHelp}`);
  const folder = await loadContracts(dir);

  // 1. The gate, as `check --registry` runs it: a folder that fails it registers nothing at all.
  const { report, plan, numbers } = await registryGate(registry, dir, folder);
  if (hasErrors(report)) {
    out(formats.text(report));
    err('Nothing was registered: fix the problems above, then push again.');
    return 1;
  }
  // 2. Write, one subject per transaction, referenced subjects first (each batch's version numbers
  //    feed the next batches' references). Every subject passed its dry run (or, when it references
  //    versions of this push, the offline checks), so a failure here means the registry changed or
  //    failed since: stop, and say what is and is not registered.
  const done: string[] = [];
  for (const subject of plan) {
    for (const semver of subject.registered) out(`${subject.subject} ${semver}  unchanged`);
    if (subject.fresh.length === 0) continue;
    try {
      await writeSubject(registry, subject, numbers);
      done.push(subject.subject);
    } catch (error) {
      await reportFailure(registry, plan, subject, done, error);
      return 1;
    }
  }
  return 0;
}

async function writeSubject({ http }: CliRegistry, plan: SubjectPlan, numbers: Map<string, number>): Promise<void> {
  const answer = await http.request<{ results: Array<{ id: number; version: number; semver: string; created: boolean }> }>(
    'POST',
    `/subjects/${enc(plan.subject)}/versions/batch`,
    batchBody(plan, numbers),
  );
  for (const r of answer.results) numbers.set(`${plan.subject}/${r.semver}`, r.version);
  if (plan.config) out(`${plan.subject}  config set: ${Object.entries(plan.config).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  for (const r of answer.results) {
    out(r.created ? `${plan.subject} ${r.semver}  registered (id ${r.id}, version ${r.version})` : `${plan.subject} ${r.semver}  unchanged`);
  }
}

/**
 * A write failed after every dry run passed. The subject's batch is one transaction, so it is
 * either wholly registered or not at all; when the answer was lost, the registry is asked which.
 */
async function reportFailure(registry: CliRegistry, plan: SubjectPlan[], failed: SubjectPlan, done: string[], error: unknown): Promise<void> {
  const reason = isRefusal(error)
    ? `${failed.subject} ${refusedSemver(failed, error)}  REFUSED  ${error.message} (the registry changed since the dry run)`
    : `${failed.subject}  FAILED  ${(error as Error).message ?? error}`;
  out(reason);
  const landed = await wasWritten(registry, failed).catch(() => undefined);
  const fate =
    landed === undefined
      ? `unknown (the registry cannot be asked: run 'charter check --registry' when it is back)`
      : landed
        ? 'registered in full (the answer was lost, the write was not)'
        : 'not registered (nothing of it was written)';
  const pending = plan.filter((p) => p.fresh.length > 0 && p !== failed && !done.includes(p.subject)).map((p) => p.subject);
  if (landed) done.push(failed.subject);
  err(
    [
      `Push stopped at ${failed.subject}: ${fate}.`,
      `Registered by this push: ${done.length ? done.join(', ') : 'nothing'}.`,
      `Not registered: ${[...(landed ? [] : [failed.subject]), ...pending].join(', ') || 'nothing'}.`,
      'Each subject is all or nothing; push again once the cause is fixed, and only what is missing is registered.',
    ].join('\n'),
  );
}

/** Whether every new version of the subject is now registered (the batch is all or nothing). */
async function wasWritten({ client }: CliRegistry, plan: SubjectPlan): Promise<boolean> {
  try {
    const semvers = new Set((await client.getSemvers(plan.subject)).map((e) => e.semver));
    return plan.fresh.every((v) => semvers.has(v.semver));
  } catch (error) {
    if (error instanceof SubjectNotFoundError) return false;
    throw error;
  }
}
