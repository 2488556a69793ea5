import type { ReferencedSchemas } from '../../core/schema/types.js';

/** A schema to compile, sent to a worker as its JSON text. */
export interface CompileJob {
  id: number;
  text: string;
  references: ReferencedSchemas;
}

/** A worker's answer: `error` holds ajv's message when the schema does not compile. */
export interface CompileVerdict {
  id: number;
  error?: string;
}
