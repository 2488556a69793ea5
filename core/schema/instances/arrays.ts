import { isFalseRef, type Flat, type SRef } from '../../compat/normalize/index.js';
import { deepEqual } from '../../compat/values.js';
import { generate } from './generate.js';
import { fail, int, type Gen } from './gen.js';

export function genArray(g: Gen, f: Flat, depth: number): unknown[] {
  let maxLen = f.maxItems ?? Infinity;
  for (const t of f.tuples) if (t.rest && isFalseRef(t.rest)) maxLen = Math.min(maxLen, t.prefix.length);
  const lo = f.minItems;
  if (lo > maxLen) fail();
  const prefix = Math.max(0, ...f.tuples.map((t) => t.prefix.length));
  const deep = depth > 5;
  const hi = Math.min(maxLen, Math.max(lo, prefix) + (deep ? 0 : 3));
  const len = g.minimal || deep ? lo : int(g, lo, hi);
  const out: unknown[] = [];
  const itemSchemas = (i: number): SRef[] => {
    const s: SRef[] = [];
    for (const t of f.tuples) {
      const r = i < t.prefix.length ? t.prefix[i] : t.rest;
      if (r) s.push(r);
    }
    return s;
  };
  const containsAt = new Map<number, SRef[]>();
  for (const c of f.contains) {
    const need = Math.max(c.min, 0);
    for (let k = 0; k < need; k++) {
      const at = Math.min(len - 1, k);
      if (at < 0) break;
      containsAt.set(at, [...(containsAt.get(at) ?? []), c.schema]);
    }
  }
  for (let i = 0; i < len; i++) {
    let item: unknown;
    let tries = 0;
    do {
      item = generate(g, [...itemSchemas(i), ...(containsAt.get(i) ?? [])], depth + 1);
      tries++;
    } while (f.unique && tries < 6 && out.some((o) => deepEqual(o, item)));
    out.push(item);
  }
  return out;
}
