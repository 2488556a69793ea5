import { K_ALL, type Flat, type SRef } from '../../normalize/index.js';
import type { ChangeKind } from '../../kinds.js';
import { sub } from '../check.js';
import type { SubsetContext } from '../context.js';
import { disjoint } from '../disjoint.js';
import { itemRefs, maxArrayLength, prefixLength, restRefs, tupleContentModel } from '../facts/array-items.js';
import { falseConj } from '../false-conj.js';
import { probe, rec } from '../record.js';

export function subArray(fA: Flat, fB: Flat, path: string, depth: number, ctx: SubsetContext): boolean {
  let ok = true;
  const stop = (): boolean => {
    ok = false;
    return !ctx.sink;
  };
  const modern = ctx.newerDraft === '2020-12';
  const aMin = fA.minItems;
  const aMax = maxArrayLength(fA);
  if (fB.minItems > aMin) {
    rec(ctx, 'MIN_ITEMS_INCREASED', 'MIN_ITEMS_DECREASED', `${path}/minItems`, { a: fA.minItems || undefined, b: fB.minItems });
    if (stop()) return false;
  }
  if (fB.maxItems !== undefined && aMax > fB.maxItems) {
    rec(ctx, 'MAX_ITEMS_DECREASED', 'MAX_ITEMS_INCREASED', `${path}/maxItems`, { a: fA.maxItems, b: fB.maxItems });
    if (stop()) return false;
  }
  const L = Math.max(prefixLength(fA), prefixLength(fB));
  for (let i = 0; i < L && i < aMax; i++) {
    const b = itemRefs(fB, i);
    if (b.refs.length === 0 && !b.absent) continue;
    const a = itemRefs(fA, i);
    if (a.absent) break;
    const p = modern ? `${path}/prefixItems/${i}` : `${path}/items/${i}`;
    const both = a.inPrefix && b.inPrefix;
    const target = b.absent ? falseConj : b.refs;
    const good = both ? sub(a.refs, K_ALL, target, p, depth + 1, ctx) : probe(ctx, () => sub(a.refs, K_ALL, target, p, depth + 1, ctx));
    if (!good) {
      if (!both) {
        const kindB: ChangeKind = !a.inPrefix ? `ITEM_ADDED_TO_${tupleContentModel(fA)}_CONTENT_MODEL` : `ITEM_REMOVED_FROM_${tupleContentModel(fB)}_CONTENT_MODEL`;
        const kindF: ChangeKind = !a.inPrefix ? `ITEM_REMOVED_FROM_${tupleContentModel(fA)}_CONTENT_MODEL` : `ITEM_ADDED_TO_${tupleContentModel(fB)}_CONTENT_MODEL`;
        rec(ctx, kindB, kindF, p, { key: String(i) });
      }
      if (stop()) return false;
    }
  }
  if (aMax > L) {
    const b = restRefs(fB);
    if (b.refs.length || b.absent) {
      const a = restRefs(fA);
      const p = modern || L === 0 ? `${path}/items` : `${path}/additionalItems`;
      if (!a.absent) {
        const good = sub(a.refs, K_ALL, b.absent ? falseConj : b.refs, p, depth + 1, ctx);
        if (!good) {
          if (b.absent) rec(ctx, 'ITEMS_NARROWED', 'ITEMS_EXTENDED', p, { note: 'arrays may no longer be longer than ' + L });
          if (stop()) return false;
        }
      }
    }
  }
  if (fB.unique && !fA.unique && aMax > 1) {
    rec(ctx, 'UNIQUE_ITEMS_ADDED', 'UNIQUE_ITEMS_REMOVED', `${path}/uniqueItems`, {});
    if (stop()) return false;
  }
  for (const c of fB.contains) {
    const p = `${path}/contains`;
    if (c.min > 0) {
      let good = fA.contains.some((ac) => ac.min >= c.min && probe(ctx, () => sub([ac.schema], K_ALL, [c.schema], p, depth + 1, ctx)));
      if (!good && aMin >= c.min) good = everyItemIn(fA, [c.schema], aMax, p, depth, ctx);
      if (!good) {
        let count = 0;
        for (let i = 0; i < Math.min(aMin, prefixLength(fA)); i++) {
          const it = itemRefs(fA, i);
          if (probe(ctx, () => sub(it.refs, K_ALL, [c.schema], p, depth + 1, ctx))) count++;
        }
        good = count >= c.min;
      }
      if (!good) {
        rec(ctx, 'CONTAINS_NARROWED', 'CONTAINS_EXTENDED', p, { note: `at least ${c.min} matching item(s) required` });
        if (stop()) return false;
      }
    }
    if (c.max !== undefined) {
      let good = aMax <= c.max;
      if (!good) good = fA.contains.some((ac) => ac.max !== undefined && ac.max <= c.max! && probe(ctx, () => sub([c.schema], K_ALL, [ac.schema], p, depth + 1, ctx)));
      if (!good) good = everyItemDisjoint(fA, c.schema, aMax, depth, ctx);
      if (!good) {
        rec(ctx, 'CONTAINS_NARROWED', 'CONTAINS_EXTENDED', `${path}/maxContains`, { note: `at most ${c.max} matching item(s) allowed` });
        if (stop()) return false;
      }
    }
  }
  return ok;
}

function everyItemIn(fA: Flat, target: SRef[], aMax: number, p: string, depth: number, ctx: SubsetContext): boolean {
  const L = prefixLength(fA);
  for (let i = 0; i < L && i < aMax; i++) {
    const it = itemRefs(fA, i);
    if (it.absent) return true;
    if (!probe(ctx, () => sub(it.refs, K_ALL, target, p, depth + 1, ctx))) return false;
  }
  if (aMax > L) {
    const r = restRefs(fA);
    if (!r.absent && !probe(ctx, () => sub(r.refs, K_ALL, target, p, depth + 1, ctx))) return false;
  }
  return true;
}

function everyItemDisjoint(fA: Flat, target: SRef, aMax: number, depth: number, ctx: SubsetContext): boolean {
  const L = prefixLength(fA);
  for (let i = 0; i < L && i < aMax; i++) {
    const it = itemRefs(fA, i);
    if (it.absent) return true;
    if (!disjoint(it.refs, K_ALL, [target], depth + 1, ctx)) return false;
  }
  if (aMax > L) {
    const r = restRefs(fA);
    if (!r.absent && !disjoint(r.refs, K_ALL, [target], depth + 1, ctx)) return false;
  }
  return true;
}
