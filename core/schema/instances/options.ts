import type { ReferencedSchemas } from '../types.js';

export interface SampleOptions {
  references?: ReferencedSchemas;
  /** How many instances to return at most (default 20). */
  count?: number;
  /** PRNG seed (default 1): the same inputs always give the same instances. */
  seed?: number;
}

export interface SampleOptionsInternal extends SampleOptions {
  /** Property names to try as extra properties of open objects (e.g. the reader's names). */
  hintKeys?: readonly string[];
  /** Candidate attempts (default count × 6 + 20). */
  attempts?: number;
}
