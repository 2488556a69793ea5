import { flatten, K_ALL, K_ARR, K_BOOL, K_NULL, K_NUM, K_OBJ, K_STR, KIND_LIST, OMIT_ANYOF, OMIT_ONEOF, withOmit, type Flat, type SRef } from '../normalize/index.js';
import { spend } from '../limits.js';
import { validateValue } from '../values.js';
import { sub } from './check.js';
import type { SubsetContext } from './context.js';
import { maxArrayLength } from './facts/array-items.js';
import { finiteValues } from './facts/finite-values.js';
import { kindEmpty } from './facts/kind-empty.js';
import { effHi, effLo } from './facts/number-bounds.js';
import { keyValue } from './facts/object-keys.js';
import { probe } from './record.js';

const MAX_DISJOINT_DEPTH = 8;

export function disjoint(X: readonly SRef[], mask: number, Y: readonly SRef[], depth: number, ctx: SubsetContext, level = 0): boolean {
  if (level > MAX_DISJOINT_DEPTH) return false;
  spend();
  if (ctx.budget-- <= 0) {
    ctx.exhausted = true;
    return false;
  }
  const fX = flatten(X, 'A');
  const fY = flatten(Y, 'A');
  if (fX.empty || fY.empty) return true;
  if (fX.issues.length || fY.issues.length) return false;
  const common = fX.kinds & fY.kinds & mask;
  if (!common) return true;
  for (const [bit] of KIND_LIST) {
    if (!(common & bit)) continue;
    if (!kindDisjoint(fX, fY, bit, depth, ctx, level)) return false;
  }
  return true;
}

function kindDisjoint(fX: Flat, fY: Flat, t: number, depth: number, ctx: SubsetContext, level: number): boolean {
  if (kindEmpty(fX, t, false) || kindEmpty(fY, t, false)) return true;
  for (const [f, other] of [
    [fX, fY],
    [fY, fX],
  ] as const) {
    const vals = f.enums.length || t === K_NULL || t === K_BOOL ? finiteValues(f, t) : undefined;
    if (vals && vals.every((v) => validateValue(v, other.atoms) === false)) return true;
  }
  if (t === K_NUM) {
    const [xlo, xloEx] = effLo(fX);
    const [xhi, xhiEx] = effHi(fX);
    const [ylo, yloEx] = effLo(fY);
    const [yhi, yhiEx] = effHi(fY);
    if (xhi !== undefined && ylo !== undefined && (xhi < ylo || (xhi === ylo && (xhiEx || yloEx)))) return true;
    if (yhi !== undefined && xlo !== undefined && (yhi < xlo || (yhi === xlo && (yhiEx || xloEx)))) return true;
  } else if (t === K_STR) {
    if (fX.maxLen !== undefined && fY.minLen > fX.maxLen) return true;
    if (fY.maxLen !== undefined && fX.minLen > fY.maxLen) return true;
  } else if (t === K_ARR) {
    if (fY.minItems > maxArrayLength(fX) || fX.minItems > maxArrayLength(fY)) return true;
  } else if (t === K_OBJ) {
    for (const [f, other] of [
      [fX, fY],
      [fY, fX],
    ] as const) {
      for (const k of f.required) {
        const ov = keyValue(other, k, 'A', false);
        if (ov.absent) return true;
        if (ov.refs.length === 0) continue;
        const fv = keyValue(f, k, 'A', false);
        if (disjoint(fv.refs, K_ALL, ov.refs, depth + 1, ctx, level + 1)) return true;
      }
    }
  }
  for (const [f, other] of [
    [fX, fY],
    [fY, fX],
  ] as const) {
    for (const n of f.nots) if (probe(ctx, () => sub(other.atoms, t, [n], '', depth, ctx))) return true;
    for (const g of f.groups) {
      const base = f.atoms.map((a) => (a === g.owner ? withOmit(a, g.one ? OMIT_ONEOF : OMIT_ANYOF) : a));
      if (g.alts.every((alt) => disjoint([...base, alt], t, other.atoms, depth, ctx, level + 1))) return true;
    }
  }
  return false;
}
