import type { ReferencedSchemas } from '../schema/types.js';
import { getDoc, type Doc } from './document/index.js';
import type { CompatibilityPolicy } from './levels.js';
import { K_ALL, rootRef } from './normalize/index.js';
import { newContext, sub, type Direction, type RawChange } from './subset/index.js';
import type { SchemaInput } from './types.js';

export const NO_REFS: ReferencedSchemas = Object.freeze({});

export function docOf(input: SchemaInput): Doc {
  return getDoc(input.schema, input.references ?? NO_REFS);
}

/** Runs one direction of the subset check; `sink` collects the reasons when given. */
export function checkDirection(older: Doc, newer: Doc, direction: Direction, policy: CompatibilityPolicy, sink: RawChange[] | null): boolean {
  const ctx = newContext(policy, direction, sink, newer.draft);
  const [writer, reader] = direction === 'backward' ? [older, newer] : [newer, older];
  return sub([rootRef(writer)], K_ALL, [rootRef(reader)], '', 0, ctx);
}
