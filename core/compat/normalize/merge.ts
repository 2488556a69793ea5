import { tightenHi, tightenLo } from './bounds.js';
import type { Flat } from './flat.js';

const cat = <T>(x: T[], y: T[]): T[] => (y.length === 0 ? x : x.length === 0 ? y : x.concat(y));

/** Conjunction of two flats into `f` (a fresh flat); shared arrays are never mutated. */
export function mergeInto(f: Flat, a: Flat): void {
  if (a.empty) f.empty = true;
  f.kinds &= a.kinds;
  f.integer ||= a.integer;
  f.enums = cat(f.enums, a.enums);
  if (a.lo !== undefined) tightenLo(f, a.lo, a.loEx);
  if (a.hi !== undefined) tightenHi(f, a.hi, a.hiEx);
  f.multipleOf = cat(f.multipleOf, a.multipleOf);
  f.minLen = Math.max(f.minLen, a.minLen);
  if (a.maxLen !== undefined) f.maxLen = f.maxLen === undefined ? a.maxLen : Math.min(f.maxLen, a.maxLen);
  f.patterns = cat(f.patterns, a.patterns);
  f.formats = cat(f.formats, a.formats);
  f.facets = cat(f.facets, a.facets);
  if (a.required.size) f.required = f.required.size ? new Set([...f.required, ...a.required]) : a.required;
  f.minProps = Math.max(f.minProps, a.minProps);
  if (a.maxProps !== undefined) f.maxProps = f.maxProps === undefined ? a.maxProps : Math.min(f.maxProps, a.maxProps);
  f.propertyNames = cat(f.propertyNames, a.propertyNames);
  if (a.depReq.size) {
    if (!f.depReq.size) f.depReq = a.depReq;
    else {
      const m = new Map(f.depReq);
      for (const [k, v] of a.depReq) m.set(k, [...(m.get(k) ?? []), ...v]);
      f.depReq = m;
    }
  }
  f.depSch = cat(f.depSch, a.depSch);
  f.tuples = cat(f.tuples, a.tuples);
  f.minItems = Math.max(f.minItems, a.minItems);
  if (a.maxItems !== undefined) f.maxItems = f.maxItems === undefined ? a.maxItems : Math.min(f.maxItems, a.maxItems);
  f.unique ||= a.unique;
  f.contains = cat(f.contains, a.contains);
  f.groups = cat(f.groups, a.groups);
  f.nots = cat(f.nots, a.nots);
  f.conds = cat(f.conds, a.conds);
  f.opaque = cat(f.opaque, a.opaque);
  f.constrains ||= a.constrains;
}
