/** What constrains each item of an array of a flat, and how long it can be. */

import { isFalseRef, isTrivialRef, type Flat, type SRef } from '../../normalize/index.js';

export function tupleContentModel(f: Flat): 'OPEN' | 'PARTIALLY_OPEN' | 'CLOSED' {
  if (f.tuples.some((t) => t.model === 'closed')) return 'CLOSED';
  if (f.tuples.some((t) => t.model === 'partial')) return 'PARTIALLY_OPEN';
  return 'OPEN';
}

export function itemRefs(f: Flat, i: number): { refs: SRef[]; absent: boolean; inPrefix: boolean } {
  const refs: SRef[] = [];
  let absent = false;
  let inPrefix = false;
  for (const t of f.tuples) {
    let r: SRef | undefined;
    if (i < t.prefix.length) {
      r = t.prefix[i];
      if (!t.unevaluated) inPrefix = true;
    } else r = t.rest;
    if (!r) continue;
    if (isFalseRef(r)) absent = true;
    else if (!isTrivialRef(r)) refs.push(r);
  }
  return { refs, absent, inPrefix };
}

export function restRefs(f: Flat): { refs: SRef[]; absent: boolean } {
  const refs: SRef[] = [];
  let absent = false;
  for (const t of f.tuples) {
    if (!t.rest) continue;
    if (isFalseRef(t.rest)) absent = true;
    else if (!isTrivialRef(t.rest)) refs.push(t.rest);
  }
  return { refs, absent };
}

export function prefixLength(f: Flat): number {
  let n = 0;
  for (const t of f.tuples) n = Math.max(n, t.prefix.length);
  return n;
}

/** Longest array an instance of `f` can be (Infinity when unbounded). */
export function maxArrayLength(f: Flat): number {
  let m = f.maxItems ?? Infinity;
  for (const t of f.tuples) {
    for (let i = 0; i < t.prefix.length && i < m; i++) if (isFalseRef(t.prefix[i])) m = Math.min(m, i);
    if (t.rest && isFalseRef(t.rest)) m = Math.min(m, t.prefix.length);
  }
  return m;
}
