/**
 * Worker-thread side of the compile pool: says 'ready' once loaded, then answers one job per
 * message — whether a schema compiles, or its validator as source — with the error message, if
 * any. Stateless: any worker takes any job.
 */
import { parentPort } from 'node:worker_threads';
import { assertCompiles } from '../../core/schema/assert-compiles.js';
import type { JsonSchema } from '../../core/schema/types.js';
import { validatorSource } from '../../core/schema/validator/index.js';
import type { CompileJob, CompileVerdict } from './messages.js';

function answer(job: CompileJob): CompileVerdict {
  const schema = JSON.parse(job.text) as JsonSchema;
  if (job.kind === 'source') {
    const built = validatorSource(schema, job.references);
    return built.ok ? { id: job.id, source: built.source } : { id: job.id, error: built.failure.message };
  }
  try {
    assertCompiles(schema, job.references);
    return { id: job.id };
  } catch (error) {
    return { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
}

parentPort!.on('message', (job: CompileJob) => {
  let verdict: CompileVerdict;
  try {
    verdict = answer(job);
  } catch (error) {
    verdict = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(verdict);
});
// Build the default draft's ajv before taking work, so the first job is not charged for it.
assertCompiles({ type: 'object' });
parentPort!.postMessage('ready');
