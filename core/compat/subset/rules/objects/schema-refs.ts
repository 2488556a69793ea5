import { refInfo, synthetic, type SRef } from '../../../normalize/index.js';

const reqCache = new Map<string, SRef>();

/** `{ type: object, required: [k] }`, shared per key. */
export function requiredRef(k: string): SRef {
  let r = reqCache.get(k);
  if (!r) {
    r = synthetic({ type: 'object', required: [k] });
    if (reqCache.size > 10_000) reqCache.clear();
    reqCache.set(k, r);
  }
  return r;
}

/** Two refs denote the same schema (structurally, in equivalent documents). */
export function sameSchema(a: SRef, b: SRef): boolean {
  if (a.node === b.node && a.doc === b.doc && a.base === b.base && a.omit === b.omit) return true;
  const ia = refInfo(a);
  const ib = refInfo(b);
  if (ia.id !== ib.id || a.omit !== b.omit || a.doc.draft !== b.doc.draft) return false;
  if (!ia.hasRef) return true;
  return a.doc.sigId === b.doc.sigId && a.base === b.base;
}
