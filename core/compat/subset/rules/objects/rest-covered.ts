import { isFalseRef, isTrivialRef, K_ALL, type Facet, type Flat, type SRef } from '../../../normalize/index.js';
import { escapePointer } from '../../../document/index.js';
import { sub } from '../../check.js';
import type { SubsetContext } from '../../context.js';
import { probe, rec } from '../../record.js';

/** Undeclared properties of A are accepted by one reader facet's patterns and additionalProperties. */
export function restCovered(fA: Flat, fb: Facet, path: string, depth: number, ctx: SubsetContext): boolean {
  let ok = true;
  const check = (targets: SRef[], p: string, note: string, skipSources: Set<string>): boolean => {
    // some writer facet proves that every value it allows for such keys fits the targets
    for (const fa of fA.facets.length ? fA.facets : [undefined]) {
      const alternatives: SRef[][] = [];
      let unbounded = false;
      if (!fa) unbounded = true;
      else {
        for (const pe of fa.patterns) {
          if (skipSources.has(pe.source)) continue;
          if (!pe.re) {
            unbounded = true;
            break;
          }
          if (!isFalseRef(pe.schema)) alternatives.push([pe.schema]);
        }
        if (fa.rest === undefined || isTrivialRef(fa.rest)) unbounded = true;
        else if (!isFalseRef(fa.rest)) alternatives.push([fa.rest]);
      }
      if (unbounded) continue;
      if (alternatives.every((alt) => probe(ctx, () => sub(alt, K_ALL, targets, p, depth + 1, ctx)))) return true;
    }
    if (fA.facets.length === 0 || fA.facets.every((fa) => fa.rest === undefined || isTrivialRef(fa.rest))) {
      // writer open: any value under any undeclared key
      if (probe(ctx, () => sub([], K_ALL, targets, p, depth + 1, ctx))) return true;
    }
    rec(ctx, 'ADDITIONAL_PROPERTIES_NARROWED', 'ADDITIONAL_PROPERTIES_EXTENDED', p, { note });
    return false;
  };
  for (const pe of fb.patterns) {
    if (isTrivialRef(pe.schema)) continue;
    // keys matching this reader pattern: a writer facet with the very same pattern bounds them
    let done = false;
    for (const fa of fA.facets) {
      const same = fa.patterns.filter((q) => q.source === pe.source).map((q) => q.schema);
      if (same.length && probe(ctx, () => sub(same, K_ALL, [pe.schema], `${path}/patternProperties/${escapePointer(pe.source)}`, depth + 1, ctx))) {
        done = true;
        break;
      }
    }
    if (!done && !check([pe.schema], `${path}/patternProperties/${escapePointer(pe.source)}`, `properties matching /${pe.source}/`, new Set())) {
      ok = false;
      if (!ctx.sink) return false;
    }
  }
  if (fb.rest && !isTrivialRef(fb.rest)) {
    const kw = fb.unevaluated ? 'unevaluatedProperties' : 'additionalProperties';
    const skip = new Set(fb.patterns.map((p) => p.source));
    if (!check([fb.rest], `${path}/${kw}`, `undeclared properties (${kw})`, skip)) {
      ok = false;
      if (!ctx.sink) return false;
    }
  }
  return ok;
}
