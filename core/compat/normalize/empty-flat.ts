import type { Flat, SRef } from './flat.js';
import { K_ALL } from './instance-kinds.js';

export const EMPTY: never[] = Object.freeze([]) as unknown as never[];
export const EMPTY_SET: Set<string> = new Set();
export const EMPTY_MAP: Map<string, string[]> = new Map();

/** A flat with no constraint. Its arrays/sets are shared empties: assign new ones, never mutate. */
export function emptyFlat(atoms: SRef[]): Flat {
  return {
    atoms,
    key: '',
    refFree: true,
    empty: false,
    issues: EMPTY,
    kinds: K_ALL,
    integer: false,
    enums: EMPTY,
    lo: undefined,
    loEx: false,
    hi: undefined,
    hiEx: false,
    multipleOf: EMPTY,
    minLen: 0,
    maxLen: undefined,
    patterns: EMPTY,
    formats: EMPTY,
    facets: EMPTY,
    required: EMPTY_SET,
    minProps: 0,
    maxProps: undefined,
    propertyNames: EMPTY,
    depReq: EMPTY_MAP,
    depSch: EMPTY,
    tuples: EMPTY,
    minItems: 0,
    maxItems: undefined,
    unique: false,
    contains: EMPTY,
    groups: EMPTY,
    nots: EMPTY,
    conds: EMPTY,
    opaque: EMPTY,
    constrains: false,
  };
}
