import type { ReferencedSchemas } from '../schema/types.js';
import { getDoc, type Doc } from './document/index.js';
import type { CompatibilityPolicy } from './levels.js';
import { LimitReached } from './limits.js';
import { K_ALL, rootRef } from './normalize/index.js';
import { newContext, sub, type Direction, type RawChange } from './subset/index.js';
import type { SchemaInput } from './types.js';

export const NO_REFS: ReferencedSchemas = Object.freeze({});

export function docOf(input: SchemaInput): Doc {
  return getDoc(input.schema, input.references ?? NO_REFS);
}

/**
 * Runs one direction of the subset check; `sink` collects the reasons when given. A check that
 * crosses the step or time limit (limits.ts) answers false with an UNDECIDABLE_LIMIT reason.
 */
export function checkDirection(older: Doc, newer: Doc, direction: Direction, policy: CompatibilityPolicy, sink: RawChange[] | null): boolean {
  const ctx = newContext(policy, direction, sink, newer.draft);
  const [writer, reader] = direction === 'backward' ? [older, newer] : [newer, older];
  try {
    return sub([rootRef(writer)], K_ALL, [rootRef(reader)], '', 0, ctx);
  } catch (error) {
    if (!(error instanceof LimitReached)) throw error;
    sink?.push({ kind: 'UNDECIDABLE_LIMIT', path: '', direction, detail: { direction, note: error.message } });
    return false;
  }
}
