/**
 * Worker-thread side of the compile pool: says 'ready' once loaded, then compiles one schema per
 * message with ajv and answers with the error message, if any. Stateless: any worker takes any job.
 */
import { parentPort } from 'node:worker_threads';
import { assertCompiles } from '../../core/schema/assert-compiles.js';
import type { JsonSchema } from '../../core/schema/types.js';
import type { CompileJob, CompileVerdict } from './messages.js';

parentPort!.on('message', (job: CompileJob) => {
  let verdict: CompileVerdict;
  try {
    assertCompiles(JSON.parse(job.text) as JsonSchema, job.references);
    verdict = { id: job.id };
  } catch (error) {
    verdict = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(verdict);
});
// Build the default draft's ajv before taking work, so the first job is not charged for it.
assertCompiles({ type: 'object' });
parentPort!.postMessage('ready');
