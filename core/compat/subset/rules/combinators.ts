import { flatten, KIND_LIST, type Flat } from '../../normalize/index.js';
import { sub } from '../check.js';
import type { SubsetContext } from '../context.js';
import { disjoint } from '../disjoint.js';
import { probe, rec } from '../record.js';

/** Reader-side `anyOf`/`oneOf`, `not` and `if`/`then`/`else`. */
export function subCombinators(fA: Flat, t: number, fB: Flat, path: string, depth: number, ctx: SubsetContext): boolean {
  let ok = true;
  const A = fA.atoms;
  for (const g of fB.groups) {
    const kw = g.one ? 'oneOf' : 'anyOf';
    let matched = -1;
    for (let i = 0; i < g.alts.length; i++) {
      if (probe(ctx, () => sub(A, t, [g.alts[i]], `${path}/${kw}/${i}`, depth, ctx))) {
        matched = i;
        break;
      }
    }
    if (matched < 0) {
      ok = false;
      if (!ctx.sink) return false;
      const tName = KIND_LIST.find(([b]) => b === t)?.[1] ?? 'value';
      rec(ctx, 'ALTERNATIVES_NARROWED', 'ALTERNATIVES_EXTENDED', path, { key: kw, note: `a ${tName} value matches none of the alternatives` });
      // explain against the one alternative of the same kind, when there is exactly one
      const sameKind = g.alts.map((alt, i) => [alt, i] as const).filter(([alt]) => flatten([alt], 'B').kinds & t);
      if (sameKind.length === 1) sub(A, t, [sameKind[0][0]], `${path}/${kw}/${sameKind[0][1]}`, depth, ctx);
      continue;
    }
    if (g.one) {
      for (let j = 0; j < g.alts.length; j++) {
        if (j === matched) continue;
        if (disjoint(A, t, [g.alts[j]], depth, ctx)) continue;
        ok = false;
        if (!ctx.sink) return false;
        rec(ctx, 'UNDECIDABLE_ONE_OF', 'UNDECIDABLE_ONE_OF', `${path}/oneOf/${j}`, { note: `alternative ${j} may also match values that match alternative ${matched}` });
        break;
      }
    }
  }
  for (const n of fB.nots) {
    if (disjoint(A, t, [n], depth, ctx)) continue;
    ok = false;
    if (!ctx.sink) return false;
    const surely = probe(ctx, () => sub(A, t, [n], `${path}/not`, depth, ctx));
    if (surely) rec(ctx, 'NEGATION_NARROWED', 'NEGATION_EXTENDED', `${path}/not`, {});
    else rec(ctx, 'UNDECIDABLE_NOT', 'UNDECIDABLE_NOT', `${path}/not`, {});
  }
  for (const c of fB.conds) {
    let good = true;
    if (c.then) {
      const thenRef = c.then;
      good = probe(ctx, () => sub([...A, c.if], t, [thenRef], `${path}/then`, depth, ctx));
    }
    if (good && c.else) {
      const elseRef = c.else;
      // values failing `if` must satisfy `else`; when every value passes `if`, `else` never applies
      good = probe(ctx, () => sub(A, t, [c.if], `${path}/if`, depth, ctx)) || probe(ctx, () => sub(A, t, [elseRef], `${path}/else`, depth, ctx));
    }
    if (!good) {
      ok = false;
      if (!ctx.sink) return false;
      rec(ctx, 'CONDITIONAL_NARROWED', 'CONDITIONAL_EXTENDED', path, {});
    }
  }
  return ok;
}
