import type { CounterexampleSearch, SchemaInput } from '../../core/compat/index.js';
import type { JsonSchema } from '../../core/schema/types.js';
import type { CounterexampleJob, SchemaText } from './messages.js';

/** A schema as sent to a worker: its JSON text crosses threads far more cheaply than the document. */
export function asText(input: SchemaInput): SchemaText {
  return { text: JSON.stringify(input.schema), references: input.references ?? {}, version: input.version };
}

/** The search a counterexample job describes, with its schemas parsed again. */
export function searchOf(job: CounterexampleJob): CounterexampleSearch {
  const input = (schema: SchemaText): SchemaInput => ({ schema: JSON.parse(schema.text) as JsonSchema, references: schema.references, version: schema.version });
  return { writer: input(job.writer), reader: input(job.reader), direction: job.direction, policy: job.policy, againstVersion: job.againstVersion };
}
