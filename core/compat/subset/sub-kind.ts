import type { Flat } from '../normalize/index.js';
import type { SubsetContext } from './context.js';
import { finiteValues } from './facts/finite-values.js';
import { checkValues } from './rules/enums.js';
import { kindRules, type KindQuery } from './rules/index.js';

/** One instance kind of the writer against the reader: the rules of `rules/` in their order. */
export function subKind(fA: Flat, t: number, fB: Flat, path: string, depth: number, ctx: SubsetContext, lenientA: boolean): boolean {
  // Few enough writer values: check each one against the whole reader schema.
  const values = finiteValues(fA, t);
  if (values) return checkValues(values, fA, fB, path, ctx);
  let ok = true;
  const q: KindQuery = { fA, t, fB, path, depth, ctx, lenientA };
  for (const rule of kindRules) {
    if (!(rule.kinds & t)) continue;
    if (!rule.check(q)) {
      ok = false;
      if (!ctx.sink) return false; // stop early when nobody records
    }
  }
  return ok;
}
