/** Which keys an object of a flat may or must have, and what constrains each. */

import { isFalseRef, isTrivialRef, type Flat, type SRef } from '../../normalize/index.js';
import type { SubsetContext } from '../context.js';
import { lenientNames } from './lenient-names.js';

export interface KeyValue {
  refs: SRef[];
  absent: boolean;
  declared: boolean;
}

/** The schemas that constrain property `k` in a flat's object facets. */
export function keyValue(f: Flat, k: string, side: 'A' | 'B', lenientClosed: boolean): KeyValue {
  const refs: SRef[] = [];
  let absent = false;
  let declared = f.required.has(k);
  for (const facet of f.facets) {
    // `properties` and `patternProperties` both apply to a key; `additionalProperties` only when neither does
    const p = facet.props.get(k);
    if (p) {
      if (!facet.unevaluated) declared = true;
      if (isFalseRef(p)) absent = true;
      else if (!isTrivialRef(p)) refs.push(p);
    }
    let matched = p !== undefined;
    let unknown = false;
    const matchedRefs: SRef[] = [];
    for (const pe of facet.patterns) {
      if (!pe.re) {
        unknown = true;
        matchedRefs.push(pe.schema);
      } else if (pe.re.test(k)) {
        matched = true;
        matchedRefs.push(pe.schema);
      }
    }
    if (unknown && side === 'A') continue; // over-approximate: this facet may or may not constrain k
    for (const r of matchedRefs) {
      if (isFalseRef(r) && !unknown) absent = true;
      else if (!isTrivialRef(r)) refs.push(r);
    }
    if ((!matched || unknown) && facet.rest) {
      if (isFalseRef(facet.rest) && !unknown) absent = true;
      else if (!isTrivialRef(facet.rest)) refs.push(facet.rest);
    }
  }
  if (side === 'A' && lenientClosed && !declared && !lenientNames(f)?.has(k)) absent = true;
  return { refs, absent, declared };
}

export function contentModel(f: Flat): 'OPEN' | 'PARTIALLY_OPEN' | 'CLOSED' {
  if (f.facets.some((x) => x.model === 'closed')) return 'CLOSED';
  if (f.facets.some((x) => x.model === 'partial')) return 'PARTIALLY_OPEN';
  return 'OPEN';
}

export function isLenientClosed(ctx: SubsetContext, f: Flat): boolean {
  return ctx.policy === 'LENIENT' && f.facets.length > 0 && f.facets.every((x) => x.model === 'open' && !x.unevaluated) && lenientNames(f) !== undefined;
}

const finiteKeysCache = [new WeakMap<Flat, Set<string> | null>(), new WeakMap<Flat, Set<string> | null>()];

/** Keys an object of `f` can have, when that set is finite (cached per flat). */
export function finiteKeys(f: Flat, lenientClosed: boolean): Set<string> | undefined {
  const cache = finiteKeysCache[lenientClosed ? 1 : 0];
  const hit = cache.get(f);
  if (hit !== undefined) return hit ?? undefined;
  const keys = finiteKeysUncached(f, lenientClosed);
  cache.set(f, keys ?? null);
  return keys;
}

function finiteKeysUncached(f: Flat, lenientClosed: boolean): Set<string> | undefined {
  let keys: Set<string> | undefined;
  for (const facet of f.facets) {
    if (facet.model !== 'closed') continue;
    const ks = new Set<string>();
    for (const [k, v] of facet.props) if (!isFalseRef(v)) ks.add(k);
    keys = keys ? new Set([...keys].filter((k) => ks.has(k))) : ks;
  }
  if (!keys && lenientClosed) {
    keys = new Set([...f.required, ...(lenientNames(f) ?? [])]);
    for (const facet of f.facets) for (const [k, v] of facet.props) if (!isFalseRef(v)) keys.add(k);
  }
  if (keys) for (const k of [...keys]) if (keyValue(f, k, 'A', lenientClosed).absent) keys.delete(k);
  return keys;
}

export function effMaxProps(f: Flat, lenientClosed: boolean): number | undefined {
  const keys = finiteKeys(f, lenientClosed);
  let m = f.maxProps;
  if (keys) m = m === undefined ? keys.size : Math.min(m, keys.size);
  return m;
}
