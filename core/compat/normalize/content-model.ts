import type { PatternEntry, SRef } from './flat.js';
import { isFalseRef, isTrivialRef } from './refs.js';

export function modelOf(patterns: PatternEntry[], rest: SRef | undefined): 'open' | 'partial' | 'closed' {
  const restOpen = rest === undefined || isTrivialRef(rest);
  if (patterns.length === 0 && restOpen) return 'open';
  if (isFalseRef(rest) && patterns.every((p) => isFalseRef(p.schema))) return 'closed';
  return 'partial';
}

export function tupleModel(rest: SRef | undefined): 'open' | 'partial' | 'closed' {
  if (rest === undefined || isTrivialRef(rest)) return 'open';
  if (isFalseRef(rest)) return 'closed';
  return 'partial';
}
