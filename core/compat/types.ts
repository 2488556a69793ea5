import type { JsonSchema, ReferencedSchemas } from '../schema/types.js';
import type { ChangeKind } from './kinds.js';
import type { CompatibilityPolicy } from './levels.js';
import type { EngineLimits } from './limits.js';

export interface SchemaChange {
  kind: ChangeKind;
  /** JSON pointer into the schema ("" is the root). */
  path: string;
  breaksBackward: boolean;
  breaksForward: boolean;
  message: string;
}

export interface SchemaInput {
  schema: JsonSchema;
  references?: ReferencedSchemas;
  version?: number;
}

export interface CompareOptions {
  policy?: CompatibilityPolicy;
  /**
   * `on-failure`: a compatible result comes back with no `changes`, which saves describing every
   * difference when only the verdict matters (a registration). Default `always`.
   */
  reasons?: 'always' | 'on-failure';
  /** Step budget and wall-clock bound of the check (defaults in limits.ts). */
  limits?: EngineLimits;
  /**
   * `lazy` (default): an incompatible result searches for its `counterexample` when first read, on
   * the calling thread. `deferred`: the result carries none; the caller runs
   * `counterexampleSearchOf(result)` where it chooses (the registry: on its compile pool).
   */
  counterexample?: 'lazy' | 'deferred';
}

export interface Counterexample {
  event: unknown;
  direction: 'backward' | 'forward';
  againstVersion?: number;
  writer: 'older' | 'newer';
}

export interface CompatibilityResult {
  compatible: boolean;
  changes: SchemaChange[];
  messages: string[];
  counterexample?: Counterexample;
  failedAgainstVersion?: number;
}

export type SemverBump = 'patch' | 'minor' | 'major';
