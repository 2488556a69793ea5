import { KIND_LIST, OMIT_ANYOF, OMIT_IF, OMIT_ONEOF, withOmit, type Flat, type SRef } from '../normalize/index.js';
import { sub } from './check.js';
import type { SubsetContext } from './context.js';
import { kindEmpty } from './facts/kind-empty.js';
import { isLenientClosed } from './facts/object-keys.js';
import { typeList } from './facts/type-names.js';
import { rec } from './record.js';
import { subKind } from './sub-kind.js';

/** Writer-side disjunctions are expanded first; then the writer is split by instance kind. */
export function subFlat(fA: Flat, mask: number, fB: Flat, path: string, depth: number, ctx: SubsetContext): boolean {
  const B = fB.atoms;
  // 1. Writer-side disjunctions: every alternative must be a subset.
  if (fA.groups.length) {
    const g = fA.groups[0];
    const base = fA.atoms.map((a) => (a === g.owner ? withOmit(a, g.one ? OMIT_ONEOF : OMIT_ANYOF) : a));
    let ok = true;
    for (const alt of g.alts) {
      if (!sub([...base, alt], mask, B, path, depth, ctx)) {
        ok = false;
        if (!ctx.sink) break;
      }
    }
    return ok;
  }
  if (fA.conds.length) {
    const c = fA.conds[0];
    const base = fA.atoms.map((a) => (a === c.owner ? withOmit(a, OMIT_IF) : a));
    // instances are in (if ∧ then) or in else; `¬if` is dropped (over-approximation)
    const branches: SRef[][] = [];
    if (!c.else) branches.push(base);
    else {
      branches.push(c.then ? [...base, c.if, c.then] : [...base, c.if]);
      branches.push([...base, c.else]);
    }
    let ok = true;
    for (const br of branches) {
      if (!sub(br, mask, B, path, depth, ctx)) {
        ok = false;
        if (!ctx.sink) break;
      }
    }
    return ok;
  }
  // 2. Split the writer by instance kind.
  const lenientA = isLenientClosed(ctx, fA);
  let kinds = fA.kinds & mask;
  for (const [bit] of KIND_LIST) if (kinds & bit && kindEmpty(fA, bit, lenientA)) kinds &= ~bit;
  if (!kinds) return true;
  let ok = true;
  const missing = kinds & ~fB.kinds;
  if (missing) {
    ok = false;
    const names = KIND_LIST.filter(([b]) => missing & b).map(([, n]) => n);
    rec(ctx, 'TYPE_NARROWED', 'TYPE_EXTENDED', path, { a: typeList(fA), b: typeList(fB), note: names.map((n) => `a ${n}`).join(' or ') });
    if (!ctx.sink) return false;
    kinds &= fB.kinds;
  }
  for (const [bit] of KIND_LIST) {
    if (!(kinds & bit)) continue;
    if (!subKind(fA, bit, fB, path, depth, ctx, lenientA)) {
      ok = false;
      if (!ctx.sink) return false;
    }
  }
  return ok;
}
