import type { ReferencedSchemas } from '../../core/schema/types.js';

/**
 * A schema to compile, sent to a worker as its JSON text. `check` only asks whether a validator
 * can be built; `source` asks for the validator itself, as standalone JavaScript.
 */
export interface CompileJob {
  id: number;
  kind: 'check' | 'source';
  text: string;
  references: ReferencedSchemas;
}

/** A worker's answer: `error` holds the factory's message when no validator can be built. */
export interface CompileVerdict {
  id: number;
  error?: string;
  /** For `source` jobs: the validator's CommonJS source. */
  source?: string;
}
