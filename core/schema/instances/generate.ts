import { isObject } from '../../compat/document/index.js';
import { flatten, KIND_LIST, K_ARR, K_NUM, K_OBJ, K_STR, OMIT_ANYOF, OMIT_IF, OMIT_ONEOF, withOmit, type Flat, type SRef } from '../../compat/normalize/index.js';
import { fail, pick, type Gen } from './gen.js';
import { genOfKind } from './kind-generators.js';

function preferredKinds(f: Flat): number[] {
  const kinds = KIND_LIST.map(([b]) => b).filter((b) => f.kinds & b);
  // prefer the kinds the schema says something about
  const hinted: number[] = [];
  if (f.facets.length || f.required.size || f.depReq.size || f.depSch.length || f.propertyNames.length) hinted.push(K_OBJ);
  if (f.tuples.length || f.contains.length || f.minItems || f.maxItems !== undefined) hinted.push(K_ARR);
  if (f.patterns.length || f.formats.length || f.minLen || f.maxLen !== undefined) hinted.push(K_STR);
  if (f.lo !== undefined || f.hi !== undefined || f.multipleOf.length) hinted.push(K_NUM);
  const both = kinds.filter((k) => hinted.includes(k));
  return both.length ? both : kinds;
}

/** One instance of the conjunction: an alternative of each anyOf/oneOf/if, then a kind, then a value. */
export function generate(g: Gen, conj: readonly SRef[], depth: number): unknown {
  if (--g.budget < 0 || depth > 14) fail();
  const f = flatten(conj, 'B');
  if (f.empty || f.issues.length) fail();
  if (f.groups.length) {
    const grp = f.groups[0];
    const base = f.atoms.map((a) => (a === grp.owner ? withOmit(a, grp.one ? OMIT_ONEOF : OMIT_ANYOF) : a));
    return generate(g, [...base, pick(g, grp.alts)], depth);
  }
  if (f.conds.length) {
    const c = f.conds[0];
    const base = f.atoms.map((a) => (a === c.owner ? withOmit(a, OMIT_IF) : a));
    const takeThen = g.rnd() < 0.5;
    const branch = takeThen ? [...base, c.if, ...(c.then ? [c.then] : [])] : [...base, ...(c.else ? [c.else] : [])];
    return generate(g, branch, depth);
  }
  const kinds = g.rnd() < 0.85 ? preferredKinds(f) : KIND_LIST.map(([b]) => b).filter((b) => f.kinds & b);
  if (!kinds.length) fail();
  const t = pick(g, kinds);
  const value = genOfKind(g, f, t, depth);
  if (f.depSch.length && t === K_OBJ && isObject(value)) {
    const active = f.depSch.filter(([k]) => k in value).map(([, s]) => s);
    if (active.length && depth < 10) {
      const again = generate(g, [...conj, ...active], depth + 1);
      if (isObject(again)) return again;
    }
  }
  return value;
}
