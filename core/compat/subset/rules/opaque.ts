import type { Flat } from '../../normalize/index.js';
import { deepEqual } from '../../values.js';
import type { SubsetContext } from '../context.js';
import { rec } from '../record.js';

/** Keywords the engine cannot compare (`formatMinimum`...) must be the same on both sides. */
export function subOpaque(fA: Flat, fB: Flat, path: string, ctx: SubsetContext): boolean {
  let ok = true;
  for (const [k, v] of fB.opaque) {
    if (!fA.opaque.some(([k2, v2]) => k2 === k && deepEqual(v, v2))) {
      rec(ctx, 'UNDECIDABLE_KEYWORD', 'UNDECIDABLE_KEYWORD', `${path}/${k}`, { key: k, a: undefined, b: v });
      ok = false;
      if (!ctx.sink) return false;
    }
  }
  return ok;
}
