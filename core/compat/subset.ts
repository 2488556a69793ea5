/**
 * The subset check: `sub(A, B)` proves that every instance valid under A is valid under B, and
 * records why not when it cannot. It is sound (a `true` is a proof) and incomplete: whatever it
 * cannot decide answers `false` with a change saying why, except that structurally identical
 * schemas are always a subset.
 *
 * Recursion (recursive `$ref`s) is handled coinductively: a pair (A, B) met again *below an
 * instance-level descent* (a property or an item) is assumed to hold; a pair met again without
 * descending means a reference cycle that never consumes input and is answered `false`.
 */
import { escapePointer, internSequence, nodeInfo, stringId } from './document.js';
import type { ChangeDetail, ChangeKind } from './kinds.js';
import {
  FALSE_REF,
  flatten,
  isFalseRef,
  isTrivialRef,
  kindOfValue,
  K_ALL,
  K_ARR,
  K_BOOL,
  K_NULL,
  K_NUM,
  K_OBJ,
  K_STR,
  KIND_LIST,
  OMIT_ANYOF,
  OMIT_IF,
  OMIT_ONEOF,
  refInfo,
  synthetic,
  withOmit,
  type Facet,
  type Flat,
  type SRef,
} from './normalize.js';
import { deepEqual, enumHas, formatDefinition, stableKey, validateValue } from './values.js';
import type { Draft } from '../schema/types.js';

export type Policy = 'STRICT' | 'LENIENT';
export type Direction = 'backward' | 'forward';

export interface RawChange {
  kind: ChangeKind;
  path: string;
  direction: Direction;
  detail: ChangeDetail;
}

export interface SubsetContext {
  policy: Policy;
  direction: Direction;
  sink: RawChange[] | null;
  budget: number;
  exhausted: boolean;
  inProgress: Map<string, { depth: number; index: number }>;
  stackSize: number;
  lowest: number;
  memo: Map<string, boolean>;
  /** Draft of the newer schema, for naming paths (`items`/`prefixItems`). */
  newerDraft: Draft;
}

export const DEFAULT_BUDGET = 250_000;
const MAX_INSTANCE_DEPTH = 96;
const MAX_CALL_DEPTH = 600;
const MAX_ENUMERATION = 256;

const globalMemo = new Map<string, boolean>();
const GLOBAL_MEMO_LIMIT = 500_000;

export function newContext(policy: Policy, direction: Direction, sink: RawChange[] | null, newerDraft: Draft): SubsetContext {
  return {
    policy,
    direction,
    sink,
    budget: DEFAULT_BUDGET,
    exhausted: false,
    inProgress: new Map(),
    stackSize: 0,
    lowest: Infinity,
    memo: new Map(),
    newerDraft,
  };
}

// ---------------------------------------------------------------------------------------------
// recording

interface Sides {
  key?: string;
  /** value on the writer (A) side */
  a?: unknown;
  /** value on the reader (B) side */
  b?: unknown;
  note?: string;
}

function rec(ctx: SubsetContext, kindBackward: ChangeKind, kindForward: ChangeKind, path: string, s: Sides = {}): void {
  if (!ctx.sink) return;
  const back = ctx.direction === 'backward';
  ctx.sink.push({
    kind: back ? kindBackward : kindForward,
    path,
    direction: ctx.direction,
    detail: { direction: ctx.direction, key: s.key, old: back ? s.a : s.b, new: back ? s.b : s.a, note: s.note },
  });
}

function probe<T>(ctx: SubsetContext, fn: () => T): T {
  const saved = ctx.sink;
  ctx.sink = null;
  try {
    return fn();
  } finally {
    ctx.sink = saved;
  }
}

function limit(ctx: SubsetContext, path: string, note: string): void {
  ctx.exhausted = true;
  rec(ctx, 'UNDECIDABLE_LIMIT', 'UNDECIDABLE_LIMIT', path, { note });
}

// ---------------------------------------------------------------------------------------------
// small helpers

export function kindNames(f: Flat, mask = K_ALL): string[] {
  const out: string[] = [];
  for (const [bit, n] of KIND_LIST) if (f.kinds & mask & bit) out.push(bit === K_NUM && f.integer ? 'integer' : n);
  return out;
}

function typeList(f: Flat): unknown {
  const names = kindNames(f);
  if (names.length === 6) return 'any';
  return names.length === 1 ? names[0] : names;
}

const reqCache = new Map<string, SRef>();
function requiredRef(k: string): SRef {
  let r = reqCache.get(k);
  if (!r) {
    r = synthetic({ type: 'object', required: [k] });
    if (reqCache.size > 10_000) reqCache.clear();
    reqCache.set(k, r);
  }
  return r;
}

/** Two refs denote the same schema (structurally, in equivalent documents). */
function sameSchema(a: SRef, b: SRef): boolean {
  if (a.node === b.node && a.doc === b.doc && a.base === b.base && a.omit === b.omit) return true;
  const ia = refInfo(a);
  const ib = refInfo(b);
  if (ia.id !== ib.id || a.omit !== b.omit || a.doc.draft !== b.doc.draft) return false;
  if (!ia.hasRef) return true;
  return a.doc.sigId === b.doc.sigId && a.base === b.base;
}

function isIntegerValued(m: number): boolean {
  return Number.isInteger(m);
}

/** Every number accepted by `multipleOf: a` is accepted by `multipleOf: b` (as ajv computes it). */
function multipleImplies(a: number, b: number): boolean {
  if (a === b) return true;
  return isIntegerValued(a) && isIntegerValued(b) && Number.isSafeInteger(a) && a % b === 0;
}

function aIsInteger(f: Flat): boolean {
  return f.integer || f.multipleOf.some(isIntegerValued);
}

function effLo(f: Flat): [number | undefined, boolean] {
  if (f.lo === undefined) return [undefined, false];
  if (aIsInteger(f)) return [f.loEx ? Math.floor(f.lo) + 1 : Math.ceil(f.lo), false];
  return [f.lo, f.loEx];
}
function effHi(f: Flat): [number | undefined, boolean] {
  if (f.hi === undefined) return [undefined, false];
  if (aIsInteger(f)) return [f.hiEx ? Math.ceil(f.hi) - 1 : Math.floor(f.hi), false];
  return [f.hi, f.hiEx];
}
const loText = (f: Flat) => (f.lo === undefined ? undefined : f.loEx ? { exclusiveMinimum: f.lo } : { minimum: f.lo });
const hiText = (f: Flat) => (f.hi === undefined ? undefined : f.hiEx ? { exclusiveMaximum: f.hi } : { maximum: f.hi });

interface KeyValue {
  refs: SRef[];
  absent: boolean;
  declared: boolean;
}

/** The schemas that constrain property `k` in a flat's object facets. */
function keyValue(f: Flat, k: string, side: 'A' | 'B', lenientClosed: boolean): KeyValue {
  const refs: SRef[] = [];
  let absent = false;
  let declared = f.required.has(k);
  for (const facet of f.facets) {
    // `properties` and `patternProperties` both apply to a key; `additionalProperties` only when neither does
    const p = facet.props.get(k);
    if (p) {
      if (!facet.unevaluated) declared = true;
      if (isFalseRef(p)) absent = true;
      else if (!isTrivialRef(p)) refs.push(p);
    }
    let matched = p !== undefined;
    let unknown = false;
    const matchedRefs: SRef[] = [];
    for (const pe of facet.patterns) {
      if (!pe.re) {
        unknown = true;
        matchedRefs.push(pe.schema);
      } else if (pe.re.test(k)) {
        matched = true;
        matchedRefs.push(pe.schema);
      }
    }
    if (unknown && side === 'A') continue; // over-approximate: this facet may or may not constrain k
    for (const r of matchedRefs) {
      if (isFalseRef(r) && !unknown) absent = true;
      else if (!isTrivialRef(r)) refs.push(r);
    }
    if ((!matched || unknown) && facet.rest) {
      if (isFalseRef(facet.rest) && !unknown) absent = true;
      else if (!isTrivialRef(facet.rest)) refs.push(facet.rest);
    }
  }
  if (side === 'A' && lenientClosed && !declared) absent = true;
  return { refs, absent, declared };
}

function contentModel(f: Flat): 'OPEN' | 'PARTIALLY_OPEN' | 'CLOSED' {
  if (f.facets.some((x) => x.model === 'closed')) return 'CLOSED';
  if (f.facets.some((x) => x.model === 'partial')) return 'PARTIALLY_OPEN';
  return 'OPEN';
}

function tupleContentModel(f: Flat): 'OPEN' | 'PARTIALLY_OPEN' | 'CLOSED' {
  if (f.tuples.some((t) => t.model === 'closed')) return 'CLOSED';
  if (f.tuples.some((t) => t.model === 'partial')) return 'PARTIALLY_OPEN';
  return 'OPEN';
}

function isLenientClosed(ctx: SubsetContext, f: Flat): boolean {
  return ctx.policy === 'LENIENT' && f.facets.length > 0 && f.facets.every((x) => x.model === 'open' && !x.unevaluated);
}

const finiteKeysCache = [new WeakMap<Flat, Set<string> | null>(), new WeakMap<Flat, Set<string> | null>()];

/** Keys an object of `f` can have, when that set is finite (cached per flat). */
function finiteKeys(f: Flat, lenientClosed: boolean): Set<string> | undefined {
  const cache = finiteKeysCache[lenientClosed ? 1 : 0];
  const hit = cache.get(f);
  if (hit !== undefined) return hit ?? undefined;
  const keys = finiteKeysUncached(f, lenientClosed);
  cache.set(f, keys ?? null);
  return keys;
}

function finiteKeysUncached(f: Flat, lenientClosed: boolean): Set<string> | undefined {
  let keys: Set<string> | undefined;
  for (const facet of f.facets) {
    if (facet.model !== 'closed') continue;
    const ks = new Set<string>();
    for (const [k, v] of facet.props) if (!isFalseRef(v)) ks.add(k);
    keys = keys ? new Set([...keys].filter((k) => ks.has(k))) : ks;
  }
  if (!keys && lenientClosed) {
    keys = new Set(f.required);
    for (const facet of f.facets) for (const [k, v] of facet.props) if (!isFalseRef(v)) keys.add(k);
  }
  if (keys) for (const k of [...keys]) if (keyValue(f, k, 'A', lenientClosed).absent) keys.delete(k);
  return keys;
}

function effMaxProps(f: Flat, lenientClosed: boolean): number | undefined {
  const keys = finiteKeys(f, lenientClosed);
  let m = f.maxProps;
  if (keys) m = m === undefined ? keys.size : Math.min(m, keys.size);
  return m;
}

function itemRefs(f: Flat, i: number): { refs: SRef[]; absent: boolean; inPrefix: boolean } {
  const refs: SRef[] = [];
  let absent = false;
  let inPrefix = false;
  for (const t of f.tuples) {
    let r: SRef | undefined;
    if (i < t.prefix.length) {
      r = t.prefix[i];
      if (!t.unevaluated) inPrefix = true;
    } else r = t.rest;
    if (!r) continue;
    if (isFalseRef(r)) absent = true;
    else if (!isTrivialRef(r)) refs.push(r);
  }
  return { refs, absent, inPrefix };
}

function restRefs(f: Flat): { refs: SRef[]; absent: boolean } {
  const refs: SRef[] = [];
  let absent = false;
  for (const t of f.tuples) {
    if (!t.rest) continue;
    if (isFalseRef(t.rest)) absent = true;
    else if (!isTrivialRef(t.rest)) refs.push(t.rest);
  }
  return { refs, absent };
}

function prefixLength(f: Flat): number {
  let n = 0;
  for (const t of f.tuples) n = Math.max(n, t.prefix.length);
  return n;
}

/** Longest array an instance of `f` can be (Infinity when unbounded). */
function maxArrayLength(f: Flat): number {
  let m = f.maxItems ?? Infinity;
  for (const t of f.tuples) {
    for (let i = 0; i < t.prefix.length && i < m; i++) if (isFalseRef(t.prefix[i])) m = Math.min(m, i);
    if (t.rest && isFalseRef(t.rest)) m = Math.min(m, t.prefix.length);
  }
  return m;
}

/** A provably has no instance of kind t. */
function kindEmpty(f: Flat, t: number, lenientClosed: boolean): boolean {
  if (!(f.kinds & t)) return true;
  if (f.enums.length && !hasEnumValueOfKind(f, t)) return true;
  switch (t) {
    case K_NUM: {
      const [lo, loEx] = effLo(f);
      const [hi, hiEx] = effHi(f);
      if (lo !== undefined && hi !== undefined && (lo > hi || (lo === hi && (loEx || hiEx)))) return true;
      return false;
    }
    case K_STR:
      return f.maxLen !== undefined && f.minLen > f.maxLen;
    case K_ARR:
      return f.minItems > maxArrayLength(f);
    case K_OBJ: {
      for (const k of f.required) if (keyValue(f, k, 'A', lenientClosed).absent) return true;
      const mx = effMaxProps(f, lenientClosed);
      if (mx !== undefined && Math.max(f.minProps, f.required.size) > mx) return true;
      return false;
    }
    default:
      return false;
  }
}

const MAX_ENUM_VALUES = 20_000;

function enumValues(f: Flat, t: number): unknown[] {
  const first = f.enums[0];
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (const v of first) {
    if (kindOfValue(v) !== t) continue;
    if (!f.enums.every((l) => l === first || enumHas(l, v))) continue;
    const key = stableKey(v);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
    if (out.length > MAX_ENUM_VALUES) break;
  }
  return out;
}

function hasEnumValueOfKind(f: Flat, t: number): boolean {
  const first = f.enums[0];
  for (const v of first) if (kindOfValue(v) === t && f.enums.every((l) => l === first || enumHas(l, v))) return true;
  return false;
}

/** The instances of kind t of A when there are few enough to list (else undefined). */
function finiteValues(f: Flat, t: number): unknown[] | undefined {
  let vals: unknown[] | undefined;
  if (f.enums.length) vals = enumValues(f, t);
  else if (t === K_NULL) vals = [null];
  else if (t === K_BOOL) vals = [true, false];
  else if (t === K_STR && f.maxLen === 0) vals = [''];
  else if (t === K_NUM && aIsInteger(f)) {
    const [lo] = effLo(f);
    const [hi] = effHi(f);
    if (lo !== undefined && hi !== undefined && hi - lo < MAX_ENUMERATION) {
      vals = [];
      for (let x = lo; x <= hi; x++) vals.push(x);
    }
  }
  if (!vals || vals.length > MAX_ENUM_VALUES) return undefined;
  // keep only values A may really contain (drop the ones A definitely rejects)
  return vals.filter((v) => validateValue(v, f.atoms) !== false);
}

// ---------------------------------------------------------------------------------------------
// the check

/** Every instance of the conjunction A (restricted to the kinds in `mask`) is valid under B. */
export function sub(A: readonly SRef[], mask: number, B: readonly SRef[], path: string, depth: number, ctx: SubsetContext): boolean {
  if (ctx.budget-- <= 0) {
    limit(ctx, path, 'too many comparisons');
    return false;
  }
  if (depth > MAX_INSTANCE_DEPTH || ctx.stackSize > MAX_CALL_DEPTH) {
    limit(ctx, path, 'nesting too deep');
    return false;
  }
  const fA = flatten(A, 'A');
  if (fA.empty || !(fA.kinds & mask)) return true;
  const fB = flatten(B, 'B');
  if (!fB.constrains) return true;
  if (fA.key === fB.key) return true;
  if (fA.issues.length || fB.issues.length) {
    for (const issue of [...fA.issues, ...fB.issues]) {
      const kind: ChangeKind =
        issue.kind === 'UNRESOLVED_REF' ? 'UNRESOLVED_REFERENCE' : issue.kind === 'REF_CYCLE' ? 'UNDECIDABLE_RECURSION' : issue.kind === 'DYNAMIC_REF' ? 'UNRESOLVED_REFERENCE' : 'UNDECIDABLE_LIMIT';
      rec(ctx, kind, kind, path, { note: issue.message });
    }
    return false;
  }
  const pairKey = `${fA.key}|${mask}|${fB.key}|${ctx.policy}`;
  const refFree = fA.refFree && fB.refFree;
  const memo = refFree ? globalMemo : ctx.memo;
  const known = memo.get(pairKey);
  if (known === true) return true;
  if (known === false && !ctx.sink) return false;
  const running = ctx.inProgress.get(pairKey);
  if (running) {
    if (depth > running.depth) {
      ctx.lowest = Math.min(ctx.lowest, running.index);
      return true;
    }
    rec(ctx, 'UNDECIDABLE_RECURSION', 'UNDECIDABLE_RECURSION', path, { note: 'the comparison loops through references without reaching a property or item' });
    return false;
  }
  const index = ctx.stackSize++;
  ctx.inProgress.set(pairKey, { depth, index });
  const savedLowest = ctx.lowest;
  ctx.lowest = Infinity;
  let result = false;
  try {
    result = subFlat(fA, mask, fB, path, depth, ctx);
  } finally {
    ctx.inProgress.delete(pairKey);
    ctx.stackSize--;
  }
  const dependsOnOuter = ctx.lowest < index;
  if (!ctx.exhausted && (!result || !dependsOnOuter)) {
    if (refFree && globalMemo.size > GLOBAL_MEMO_LIMIT) globalMemo.clear();
    memo.set(pairKey, result);
  }
  ctx.lowest = Math.min(savedLowest, dependsOnOuter ? ctx.lowest : Infinity);
  return result;
}

function subFlat(fA: Flat, mask: number, fB: Flat, path: string, depth: number, ctx: SubsetContext): boolean {
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

function subKind(fA: Flat, t: number, fB: Flat, path: string, depth: number, ctx: SubsetContext, lenientA: boolean): boolean {
  // Few enough writer values: check each one against the whole reader schema.
  const values = finiteValues(fA, t);
  if (values) return checkValues(values, fA, fB, path, ctx);
  let ok = true;
  const fail = (): boolean => {
    ok = false;
    return !ctx.sink; // stop early when nobody records
  };
  if (fB.enums.length) {
    rec(ctx, 'ENUM_NARROWED', 'ENUM_EXTENDED', path, {
      a: fA.enums.length ? fA.enums[0] : typeList(fA),
      b: fB.enums[0],
      note: `the writer allows any ${KIND_LIST.find(([b]) => b === t)?.[1]} value within its constraints, the reader only listed values`,
    });
    if (fail()) return false;
  }
  switch (t) {
    case K_NUM:
      if (!subNumber(fA, fB, path, ctx) && fail()) return false;
      break;
    case K_STR:
      if (!subString(fA, fB, path, ctx) && fail()) return false;
      break;
    case K_ARR:
      if (!subArray(fA, fB, path, depth, ctx) && fail()) return false;
      break;
    case K_OBJ:
      if (!subObject(fA, fB, path, depth, ctx, lenientA) && fail()) return false;
      break;
    default:
      break;
  }
  for (const [k, v] of fB.opaque) {
    if (!fA.opaque.some(([k2, v2]) => k2 === k && deepEqual(v, v2))) {
      rec(ctx, 'UNDECIDABLE_KEYWORD', 'UNDECIDABLE_KEYWORD', `${path}/${k}`, { key: k, a: undefined, b: v });
      if (fail()) return false;
    }
  }
  if (!subCombinators(fA, t, fB, path, depth, ctx) && fail()) return false;
  return ok;
}

function checkValues(values: unknown[], fA: Flat, fB: Flat, path: string, ctx: SubsetContext): boolean {
  let ok = true;
  for (const v of values) {
    const r = validateValue(v, fB.atoms);
    if (r === true) continue;
    ok = false;
    if (!ctx.sink) return false;
    if (r === undefined) {
      rec(ctx, 'UNDECIDABLE_VALUE', 'UNDECIDABLE_VALUE', path, { note: `${JSON.stringify(v)} could not be checked` });
    } else if (fB.enums.length && !fB.enums.every((l) => enumHas(l, v))) {
      rec(ctx, 'ENUM_NARROWED', 'ENUM_EXTENDED', path, { a: fA.enums[0] ?? typeList(fA), b: fB.enums[0], note: `${JSON.stringify(v)} is no longer allowed` });
    } else if (!(fB.kinds & kindOfValue(v))) {
      rec(ctx, 'TYPE_NARROWED', 'TYPE_EXTENDED', path, { a: typeList(fA), b: typeList(fB), note: JSON.stringify(v) });
    } else {
      rec(ctx, 'SCHEMA_NARROWED', 'SCHEMA_EXTENDED', path, { note: `the value ${JSON.stringify(v)} is rejected` });
    }
  }
  return ok;
}

function subNumber(fA: Flat, fB: Flat, path: string, ctx: SubsetContext): boolean {
  let ok = true;
  if (fB.integer && !aIsInteger(fA)) {
    ok = false;
    rec(ctx, 'TYPE_NARROWED', 'TYPE_EXTENDED', path, { a: typeList(fA), b: typeList(fB), note: 'a number with a fractional part' });
    if (!ctx.sink) return false;
  }
  if (fB.lo !== undefined) {
    const [lo, loEx] = effLo(fA);
    if (lo === undefined || lo < fB.lo || (lo === fB.lo && !loEx && fB.loEx)) {
      ok = false;
      rec(ctx, 'MINIMUM_INCREASED', 'MINIMUM_DECREASED', `${path}/${fB.loEx ? 'exclusiveMinimum' : 'minimum'}`, { a: loText(fA), b: loText(fB) });
      if (!ctx.sink) return false;
    }
  }
  if (fB.hi !== undefined) {
    const [hi, hiEx] = effHi(fA);
    if (hi === undefined || hi > fB.hi || (hi === fB.hi && !hiEx && fB.hiEx)) {
      ok = false;
      rec(ctx, 'MAXIMUM_DECREASED', 'MAXIMUM_INCREASED', `${path}/${fB.hiEx ? 'exclusiveMaximum' : 'maximum'}`, { a: hiText(fA), b: hiText(fB) });
      if (!ctx.sink) return false;
    }
  }
  for (const m of fB.multipleOf) {
    const implied = fA.multipleOf.some((a) => multipleImplies(a, m)) || (m === 1 && aIsInteger(fA));
    if (!implied) {
      ok = false;
      if (fA.multipleOf.length === 0) rec(ctx, 'MULTIPLE_OF_ADDED', 'MULTIPLE_OF_REMOVED', `${path}/multipleOf`, { a: undefined, b: m });
      else rec(ctx, 'MULTIPLE_OF_CHANGED', 'MULTIPLE_OF_CHANGED', `${path}/multipleOf`, { a: fA.multipleOf.length === 1 ? fA.multipleOf[0] : fA.multipleOf, b: m });
      if (!ctx.sink) return false;
    }
  }
  for (const fmt of fB.formats) {
    const def = formatDefinition(fmt);
    if (def && def.type === 'number' && !fA.formats.includes(fmt)) {
      ok = false;
      rec(ctx, 'FORMAT_ADDED', 'FORMAT_REMOVED', `${path}/format`, { a: fA.formats[0], b: fmt });
      if (!ctx.sink) return false;
    }
  }
  return ok;
}

const TRIVIAL_PATTERNS = new Set(['', '.*', '^.*', '(.*)', '[\\s\\S]*', '^[\\s\\S]*']);

function subString(fA: Flat, fB: Flat, path: string, ctx: SubsetContext): boolean {
  let ok = true;
  if (fB.minLen > fA.minLen) {
    ok = false;
    rec(ctx, 'MIN_LENGTH_INCREASED', 'MIN_LENGTH_DECREASED', `${path}/minLength`, { a: fA.minLen || undefined, b: fB.minLen });
    if (!ctx.sink) return false;
  }
  if (fB.maxLen !== undefined && (fA.maxLen === undefined || fA.maxLen > fB.maxLen)) {
    ok = false;
    rec(ctx, 'MAX_LENGTH_DECREASED', 'MAX_LENGTH_INCREASED', `${path}/maxLength`, { a: fA.maxLen, b: fB.maxLen });
    if (!ctx.sink) return false;
  }
  for (const p of fB.patterns) {
    if (TRIVIAL_PATTERNS.has(p) || fA.patterns.includes(p)) continue;
    ok = false;
    if (fA.patterns.length) rec(ctx, 'PATTERN_CHANGED', 'PATTERN_CHANGED', `${path}/pattern`, { a: fA.patterns[0], b: p });
    else rec(ctx, 'PATTERN_ADDED', 'PATTERN_REMOVED', `${path}/pattern`, { a: undefined, b: p });
    if (!ctx.sink) return false;
  }
  for (const fmt of fB.formats) {
    const def = formatDefinition(fmt);
    if (!def || def.type !== 'string' || fA.formats.includes(fmt)) continue;
    ok = false;
    if (fA.formats.length) rec(ctx, 'FORMAT_ADDED', 'FORMAT_REMOVED', `${path}/format`, { a: fA.formats[0], b: fmt });
    else rec(ctx, 'FORMAT_ADDED', 'FORMAT_REMOVED', `${path}/format`, { a: undefined, b: fmt });
    if (!ctx.sink) return false;
  }
  return ok;
}

// ---------------------------------------------------------------------------------------------
// objects

function subObject(fA: Flat, fB: Flat, path: string, depth: number, ctx: SubsetContext, lenientA: boolean): boolean {
  let ok = true;
  const stop = (): boolean => {
    ok = false;
    return !ctx.sink;
  };
  // required
  for (const k of fB.required) {
    if (fA.required.has(k)) continue;
    rec(ctx, 'REQUIRED_PROPERTY_ADDED', 'REQUIRED_PROPERTY_REMOVED', `${path}/required`, { key: k });
    if (stop()) return false;
  }
  // named properties
  const bRestConstrains = fB.facets.some((f) => f.patterns.length > 0 || (f.rest !== undefined && !isTrivialRef(f.rest)));
  // fast path for the common shape: one facet per side, no patterns
  const singleA = fA.facets.length === 1 && fA.facets[0].patterns.length === 0 ? fA.facets[0] : undefined;
  const singleB = fB.facets.length === 1 && fB.facets[0].patterns.length === 0 ? fB.facets[0] : undefined;
  const fast = singleA && singleB ? pairMemo(ctx, fA, fB) : undefined;
  const keys = new Set<string>();
  if (fast && singleA!.props.size > 32 && fA.atoms[0].doc.draft === fB.atoms[0].doc.draft) {
    // Large objects: skip runs of properties identical on both sides (interned chunks). A skipped
    // key is declared alike by both, so neither side's additional-properties schema applies to it.
    const chunksA = facetChunks(singleA!);
    const chunksB = facetChunks(singleB!);
    for (const c of chunksB.list) if (!chunksA.ids.has(c.id)) for (const k of c.keys) keys.add(k);
    if (bRestConstrains) {
      for (const c of chunksA.list) if (!chunksB.ids.has(c.id)) for (const k of c.keys) keys.add(k);
      for (const k of fA.required) keys.add(k);
    }
    for (const k of fB.required) keys.add(k);
  } else {
    for (const f of fB.facets) for (const k of f.props.keys()) keys.add(k);
    if (bRestConstrains) {
      for (const f of fA.facets) for (const k of f.props.keys()) keys.add(k);
      for (const k of fA.required) keys.add(k);
    }
  }
  for (const k of keys) {
    let pa: SRef | undefined;
    let pb: SRef | undefined;
    if (fast) {
      pa = singleA!.props.get(k);
      pb = singleB!.props.get(k);
      if (pa && pb) {
        if (sameSchema(pa, pb)) continue;
        const ia = refInfo(pa);
        const ib = refInfo(pb);
        if (!ia.hasRef && !ib.hasRef && fast.get(ia.id)?.get(ib.id) === true) continue;
      }
    }
    const b = keyValue(fB, k, 'B', false);
    if (b.refs.length === 0 && !b.absent) continue;
    const a = keyValue(fA, k, 'A', lenientA);
    if (a.absent) continue;
    const childPath = `${path}/properties/${escapePointer(k)}`;
    const target = b.absent ? falseConj : b.refs;
    const bothDeclared = a.declared && b.declared;
    const okKey = bothDeclared ? sub(a.refs, K_ALL, target, childPath, depth + 1, ctx) : probe(ctx, () => sub(a.refs, K_ALL, target, childPath, depth + 1, ctx));
    if (okKey && fast && pa && pb && pa === a.refs[0] && pb === b.refs[0] && a.refs.length === 1 && b.refs.length === 1) {
      const ia = refInfo(pa);
      const ib = refInfo(pb);
      if (!ia.hasRef && !ib.hasRef) {
        let row = fast.get(ia.id);
        if (!row) fast.set(ia.id, (row = new Map()));
        row.set(ib.id, true);
      }
    }
    if (!okKey) {
      if (!bothDeclared) {
        const kindB: ChangeKind = !a.declared ? `PROPERTY_ADDED_TO_${contentModel(fA)}_CONTENT_MODEL` : `PROPERTY_REMOVED_FROM_${contentModel(fB)}_CONTENT_MODEL`;
        const kindF: ChangeKind = !a.declared ? `PROPERTY_REMOVED_FROM_${contentModel(fA)}_CONTENT_MODEL` : `PROPERTY_ADDED_TO_${contentModel(fB)}_CONTENT_MODEL`;
        rec(ctx, kindB, kindF, childPath, { key: k });
      }
      if (stop()) return false;
    }
  }
  // undeclared properties
  const aRestAbsent = lenientA || fA.facets.some((f) => f.model === 'closed');
  if (bRestConstrains && !aRestAbsent) {
    for (const fb of fB.facets) {
      if (!restCovered(fA, fb, path, depth, ctx) && stop()) return false;
    }
  }
  // counts
  const minA = Math.max(fA.minProps, fA.required.size);
  if (fB.minProps > minA) {
    rec(ctx, 'MIN_PROPERTIES_INCREASED', 'MIN_PROPERTIES_DECREASED', `${path}/minProperties`, { a: fA.minProps || undefined, b: fB.minProps });
    if (stop()) return false;
  }
  if (fB.maxProps !== undefined) {
    const mx = effMaxProps(fA, lenientA);
    if (mx === undefined || mx > fB.maxProps) {
      rec(ctx, 'MAX_PROPERTIES_DECREASED', 'MAX_PROPERTIES_INCREASED', `${path}/maxProperties`, { a: fA.maxProps, b: fB.maxProps });
      if (stop()) return false;
    }
  }
  // property names
  for (const pn of fB.propertyNames) {
    if (isTrivialRef(pn)) continue;
    let good = false;
    const keysA = finiteKeys(fA, lenientA);
    if (keysA) good = [...keysA].every((k) => validateValue(k, [pn]) === true);
    if (!good) good = fA.propertyNames.some((pa) => probe(ctx, () => sub([pa], K_STR, [pn], `${path}/propertyNames`, depth + 1, ctx)));
    if (!good) good = effMaxProps(fA, lenientA) === 0;
    if (!good) {
      rec(ctx, 'PROPERTY_NAMES_NARROWED', 'PROPERTY_NAMES_EXTENDED', `${path}/propertyNames`, {});
      if (stop()) return false;
    }
  }
  // dependencies
  for (const [k, list] of fB.depReq) {
    if (keyValue(fA, k, 'A', lenientA).absent) continue;
    const have = new Set([...fA.required, ...(fA.depReq.get(k) ?? [])]);
    const missing = list.filter((d) => !have.has(d));
    if (missing.length) {
      rec(ctx, 'DEPENDENT_REQUIRED_ADDED', 'DEPENDENT_REQUIRED_REMOVED', `${path}/dependentRequired/${escapePointer(k)}`, { key: k, a: fA.depReq.get(k), b: missing });
      if (stop()) return false;
    }
  }
  for (const [k, d] of fB.depSch) {
    if (isTrivialRef(d)) continue;
    if (keyValue(fA, k, 'A', lenientA).absent) continue;
    const own = fA.depSch.filter(([kk]) => kk === k).map(([, s]) => s);
    const p = `${path}/dependentSchemas/${escapePointer(k)}`;
    let good = own.length > 0 && probe(ctx, () => sub(own, K_ALL, [d], p, depth, ctx));
    if (!good) good = probe(ctx, () => sub([...fA.atoms, requiredRef(k)], K_OBJ, [d], p, depth, ctx));
    if (!good) {
      rec(ctx, 'DEPENDENT_SCHEMA_ADDED', 'DEPENDENT_SCHEMA_REMOVED', p, { key: k });
      if (stop()) return false;
    }
  }
  return ok;
}

const falseConj: SRef[] = [FALSE_REF];

interface Chunks {
  list: Array<{ id: number; keys: string[] }>;
  ids: Set<number>;
}
const chunkCache = new WeakMap<Facet, Chunks>();

/**
 * A facet's properties cut into content-defined runs (a run ends after a key whose hash has its low
 * 4 bits zero), each interned over its (key, schema id) pairs. Two facets share a run id only when
 * every property in it is structurally identical; runs holding references never match.
 */
function facetChunks(facet: Facet): Chunks {
  let c = chunkCache.get(facet);
  if (c) return c;
  const keys = [...facet.props.keys()].sort();
  c = { list: [], ids: new Set() };
  let run: string[] = [];
  let seq: number[] = [];
  let refFree = true;
  const flush = () => {
    if (!run.length) return;
    const id = refFree ? internSequence(seq) : -c!.list.length - 1;
    c!.list.push({ id, keys: run });
    if (refFree) c!.ids.add(id);
    run = [];
    seq = [];
    refFree = true;
  };
  for (const k of keys) {
    const info = refInfo(facet.props.get(k)!);
    const kid = stringId(k);
    run.push(k);
    seq.push(kid, info.id);
    if (info.hasRef) refFree = false;
    if ((Math.imul(kid, 0x9e3779b1) >>> 28) === 0) flush();
  }
  flush();
  chunkCache.set(facet, c);
  return c;
}

/**
 * Proven `writer ⊆ reader` facts between reference-free property schemas, by structural id: a
 * registry compares the same property schemas across many versions.
 */
const pairMemos = new Map<string, Map<number, Map<number, boolean>>>();
let pairMemoSize = 0;
function pairMemo(ctx: SubsetContext, fA: Flat, fB: Flat): Map<number, Map<number, boolean>> | undefined {
  if (ctx.exhausted) return undefined;
  const draftA = fA.atoms[0]?.doc.draft;
  const draftB = fB.atoms[0]?.doc.draft;
  if (!draftA || !draftB) return undefined;
  if (++pairMemoSize > 2_000_000) {
    pairMemos.clear();
    pairMemoSize = 0;
  }
  const key = `${draftA}|${draftB}|${ctx.policy}`;
  let m = pairMemos.get(key);
  if (!m) pairMemos.set(key, (m = new Map()));
  return m;
}

/** Undeclared properties of A are accepted by one reader facet's patterns and additionalProperties. */
function restCovered(fA: Flat, fb: Facet, path: string, depth: number, ctx: SubsetContext): boolean {
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

// ---------------------------------------------------------------------------------------------
// arrays

function subArray(fA: Flat, fB: Flat, path: string, depth: number, ctx: SubsetContext): boolean {
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

// ---------------------------------------------------------------------------------------------
// reader-side combinators

function subCombinators(fA: Flat, t: number, fB: Flat, path: string, depth: number, ctx: SubsetContext): boolean {
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

// ---------------------------------------------------------------------------------------------
// disjointness (sound: true means no value satisfies both)

const MAX_DISJOINT_DEPTH = 8;

export function disjoint(X: readonly SRef[], mask: number, Y: readonly SRef[], depth: number, ctx: SubsetContext, level = 0): boolean {
  if (level > MAX_DISJOINT_DEPTH) return false;
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
