/**
 * Worker-thread side of the compile pool: says 'ready' once loaded, then takes one job per
 * message — whether a schema compiles, its validator as source, or verifying migration rules —
 * and answers with the outcome. Stateless: any worker takes any job.
 */
import { parentPort } from 'node:worker_threads';
import { RegistryError } from '../../core/errors/index.js';
import { assertCompiles } from '../../core/schema/assert-compiles.js';
import type { JsonSchema } from '../../core/schema/types.js';
import { validatorSource, warmedCodeCache } from '../../core/schema/validator/index.js';
import type { CompileVerdict, CounterexampleJob, WorkerJob } from './messages.js';
import { searchOf } from './search-job.js';

async function run(job: WorkerJob): Promise<CompileVerdict> {
  try {
    // The migration engine is loaded on the first verify job: compile-only workers boot as before.
    if (job.kind === 'verify') {
      const { verifyRules } = await import('../../core/migrate/index.js');
      return { id: job.id, verified: await verifyRules(job.request) };
    }
    if (job.kind === 'counterexample') return { id: job.id, counterexample: (await counterexampleOf(job)) ?? null };
    const schema = JSON.parse(job.text) as JsonSchema;
    if (job.kind === 'source') {
      const built = validatorSource(schema, job.references);
      // The code cache carries V8's compiled code as well, so loading it does not parse or compile.
      return built.ok ? { id: job.id, source: built.source, codeCache: warmedCodeCache(built.source) } : { id: job.id, error: built.failure.message };
    }
    assertCompiles(schema, job.references);
    return { id: job.id };
  } catch (error) {
    if (error instanceof RegistryError) return { id: job.id, refusal: { code: error.code, message: error.message, details: cloneable(error.details) } };
    return { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The search, on this thread: the engine is loaded on the first such job, as for verify jobs. */
async function counterexampleOf(job: CounterexampleJob) {
  const { searchCounterexample } = await import('../../core/compat/index.js');
  return searchCounterexample(searchOf(job), job.limits);
}

/** Details as plain JSON data (a counterexample may hold values a thread cannot receive). */
function cloneable(details: unknown): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(details ?? {})) as Record<string, unknown>;
  } catch {
    return {};
  }
}

parentPort!.on('message', (job: WorkerJob) => {
  void run(job).then((verdict) => {
    try {
      parentPort!.postMessage(verdict);
    } catch (error) {
      parentPort!.postMessage({ id: job.id, error: `the answer could not be sent back (${(error as Error).message})` });
    }
  });
});
// Build the default draft's ajv before taking work, so the first job is not charged for it.
assertCompiles({ type: 'object' });
parentPort!.postMessage('ready');
