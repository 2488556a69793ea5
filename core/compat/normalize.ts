/**
 * Normal form of a conjunction of schema nodes ("flat"): `$ref` and `allOf` are expanded into a list
 * of atoms, and the atoms' constraints are merged per instance kind. Disjunctive parts (`anyOf`,
 * `oneOf`, `if`/`then`/`else`, `not`) are kept as pending groups for the subset engine.
 *
 * Two readings exist, because `unevaluatedProperties`/`unevaluatedItems` depend on annotations that
 * cannot always be known statically:
 *  - role 'A' (the writer side of a subset check) over-approximates: when unsure, a constraint is
 *    dropped, so the flat accepts at least what the schema accepts;
 *  - role 'B' (the reader side) under-approximates: when unsure, a constraint is kept everywhere it
 *    might apply, so the flat accepts at most what the schema accepts.
 * A subset proof between an over-approximated writer and an under-approximated reader is sound.
 */
import {
  childBase,
  isObject,
  nodeInfo,
  resolveRef,
  type Doc,
  type JsonSchema,
  type JsonSchemaObject,
  getDoc,
  type NodeInfo,
} from './document.js';
import { re2RegExp, type Re2Pattern } from '../schema/re2-regexp.js';

export type Role = 'A' | 'B';

export const K_NULL = 1;
export const K_BOOL = 2;
export const K_NUM = 4;
export const K_STR = 8;
export const K_ARR = 16;
export const K_OBJ = 32;
export const K_ALL = 63;
export const KIND_LIST: ReadonlyArray<[number, string]> = [
  [K_NULL, 'null'],
  [K_BOOL, 'boolean'],
  [K_NUM, 'number'],
  [K_STR, 'string'],
  [K_ARR, 'array'],
  [K_OBJ, 'object'],
];

export const OMIT_ANYOF = 1;
export const OMIT_ONEOF = 2;
export const OMIT_IF = 4;

/** A schema node in its document, with the base URI its relative references resolve against. */
export interface SRef {
  /** Memoised atomKey. */
  key?: string;
  /** Memoised structural info of `node`. */
  info?: NodeInfo;
  readonly node: JsonSchema;
  readonly doc: Doc;
  readonly base: string;
  /** Disjunctive keywords of this node already expanded by the caller (bit set of OMIT_*). */
  readonly omit: number;
}

export interface Issue {
  kind: 'UNRESOLVED_REF' | 'REF_CYCLE' | 'TOO_LARGE' | 'DYNAMIC_REF';
  message: string;
}

export interface PatternEntry {
  source: string;
  re: Re2Pattern | null;
  schema: SRef;
}

export interface Facet {
  props: Map<string, SRef>;
  patterns: PatternEntry[];
  /** Schema for keys matched by neither props nor patterns; undefined = anything. */
  rest: SRef | undefined;
  model: 'open' | 'partial' | 'closed';
  /** True when the facet came from `properties`/`additionalProperties`/`patternProperties`. */
  declares: boolean;
  unevaluated: boolean;
}

export interface Tuple {
  prefix: SRef[];
  rest: SRef | undefined;
  model: 'open' | 'partial' | 'closed';
  unevaluated: boolean;
}

export interface Contains {
  schema: SRef;
  min: number;
  max: number | undefined;
}

export interface Group {
  owner: SRef;
  alts: SRef[];
  one: boolean;
}

export interface Cond {
  owner: SRef;
  if: SRef;
  then: SRef | undefined;
  else: SRef | undefined;
}

export interface Flat {
  atoms: SRef[];
  key: string;
  refFree: boolean;
  empty: boolean;
  issues: Issue[];
  kinds: number;
  integer: boolean;
  enums: unknown[][];
  lo: number | undefined;
  loEx: boolean;
  hi: number | undefined;
  hiEx: boolean;
  multipleOf: number[];
  minLen: number;
  maxLen: number | undefined;
  patterns: string[];
  formats: string[];
  facets: Facet[];
  required: Set<string>;
  minProps: number;
  maxProps: number | undefined;
  propertyNames: SRef[];
  depReq: Map<string, string[]>;
  depSch: Array<[string, SRef]>;
  tuples: Tuple[];
  minItems: number;
  maxItems: number | undefined;
  unique: boolean;
  contains: Contains[];
  groups: Group[];
  nots: SRef[];
  conds: Cond[];
  opaque: Array<[string, unknown]>;
  /** False when the flat accepts every instance (no constraint at all). */
  constrains: boolean;
}

const VOID_DOC = getDoc(true);
export const TRUE_REF: SRef = { node: true, doc: VOID_DOC, base: VOID_DOC.base, omit: 0 };
export const FALSE_REF: SRef = { node: false, doc: VOID_DOC, base: VOID_DOC.base, omit: 0 };

/** A synthetic schema node (no references inside), e.g. `{ required: [k] }`. */
export function synthetic(node: JsonSchema): SRef {
  return { node, doc: VOID_DOC, base: VOID_DOC.base, omit: 0 };
}

export function child(parent: SRef, node: unknown): SRef {
  if (node === true) return TRUE_REF;
  if (node === false) return FALSE_REF;
  if (!isObject(node)) return TRUE_REF; // malformed subschema: ajv would reject; read as "anything"
  return { node, doc: parent.doc, base: childBase(node, parent.base), omit: 0 };
}

export function rootRef(doc: Doc): SRef {
  return { node: doc.root, doc, base: doc.base, omit: 0 };
}

/** Memo key of one atom: structure (+ document and base when references are involved). */
/** Structural info of a ref's node, memoised on the ref. */
export function refInfo(r: SRef): NodeInfo {
  return (r.info ??= nodeInfo(r.node));
}

export function atomKey(r: SRef): string {
  if (r.key !== undefined) return r.key;
  const info = refInfo(r);
  const draft = r.doc.draft;
  const key = !info.hasRef ? `${info.id}:${r.omit}:${draft}` : `${info.id}:${r.omit}:${draft}@${r.doc.sigId}|${r.base}`;
  r.key = key;
  return key;
}

export function isTrivialRef(r: SRef | undefined): boolean {
  if (r === undefined || r.node === true) return true;
  if (!isObject(r.node)) return false;
  for (const k in r.node) if (CONSTRAINING.has(k)) return false;
  return true;
}

export function isFalseRef(r: SRef | undefined): boolean {
  return r !== undefined && r.node === false;
}

/** Keywords that constrain instances (in some draft). Everything else is an annotation or unknown. */
export const CONSTRAINING = new Set([
  '$ref', '$dynamicRef', '$recursiveRef', 'type', 'enum', 'const',
  'minLength', 'maxLength', 'pattern', 'format',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'properties', 'required', 'additionalProperties', 'patternProperties', 'unevaluatedProperties',
  'propertyNames', 'minProperties', 'maxProperties', 'dependentRequired', 'dependentSchemas', 'dependencies',
  'items', 'prefixItems', 'additionalItems', 'unevaluatedItems', 'contains', 'minContains', 'maxContains',
  'minItems', 'maxItems', 'uniqueItems',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else',
  'formatMinimum', 'formatMaximum', 'formatExclusiveMinimum', 'formatExclusiveMaximum',
]);

const OPAQUE = ['formatMinimum', 'formatMaximum', 'formatExclusiveMinimum', 'formatExclusiveMaximum'];

// ---------------------------------------------------------------------------------------------

export function kindOfValue(v: unknown): number {
  if (v === null) return K_NULL;
  switch (typeof v) {
    case 'boolean':
      return K_BOOL;
    case 'number':
      return K_NUM;
    case 'string':
      return K_STR;
    case 'object':
      return Array.isArray(v) ? K_ARR : K_OBJ;
    default:
      return 0;
  }
}

function typeMask(t: unknown): { kinds: number; integer: boolean } | undefined {
  const names = typeof t === 'string' ? [t] : Array.isArray(t) ? t : undefined;
  if (!names) return undefined;
  let kinds = 0;
  let hasNumber = false;
  let hasInteger = false;
  for (const n of names) {
    switch (n) {
      case 'null': kinds |= K_NULL; break;
      case 'boolean': kinds |= K_BOOL; break;
      case 'number': kinds |= K_NUM; hasNumber = true; break;
      case 'integer': kinds |= K_NUM; hasInteger = true; break;
      case 'string': kinds |= K_STR; break;
      case 'array': kinds |= K_ARR; break;
      case 'object': kinds |= K_OBJ; break;
      default: break;
    }
  }
  return { kinds, integer: hasInteger && !hasNumber };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const nonNegInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : undefined);

const regexCache = new Map<string, Re2Pattern | null>();
/**
 * Compiles a pattern the way ajv does (RE2, `u` flag); null when it does not compile. RE2, not
 * V8: the engine tests enum values and generated strings against registered patterns, and a
 * backtracking `^(a+)+$` would hang a compatibility check.
 */
export function compilePattern(source: string): Re2Pattern | null {
  let re = regexCache.get(source);
  if (re === undefined) {
    try {
      re = re2RegExp(source, 'u');
    } catch {
      re = null;
    }
    if (regexCache.size > 10_000) regexCache.clear();
    regexCache.set(source, re);
  }
  return re;
}

const EMPTY: never[] = Object.freeze([]) as unknown as never[];
const EMPTY_SET: Set<string> = new Set();
const EMPTY_MAP: Map<string, string[]> = new Map();

/** A flat with no constraint. Its arrays/sets are shared empties: assign new ones, never mutate. */
function emptyFlat(atoms: SRef[]): Flat {
  return {
    atoms,
    key: '',
    refFree: true,
    empty: false,
    issues: EMPTY,
    kinds: K_ALL,
    integer: false,
    enums: EMPTY,
    lo: undefined,
    loEx: false,
    hi: undefined,
    hiEx: false,
    multipleOf: EMPTY,
    minLen: 0,
    maxLen: undefined,
    patterns: EMPTY,
    formats: EMPTY,
    facets: EMPTY,
    required: EMPTY_SET,
    minProps: 0,
    maxProps: undefined,
    propertyNames: EMPTY,
    depReq: EMPTY_MAP,
    depSch: EMPTY,
    tuples: EMPTY,
    minItems: 0,
    maxItems: undefined,
    unique: false,
    contains: EMPTY,
    groups: EMPTY,
    nots: EMPTY,
    conds: EMPTY,
    opaque: EMPTY,
    constrains: false,
  };
}

function modelOf(patterns: PatternEntry[], rest: SRef | undefined): 'open' | 'partial' | 'closed' {
  const restOpen = rest === undefined || isTrivialRef(rest);
  if (patterns.length === 0 && restOpen) return 'open';
  if (isFalseRef(rest) && patterns.every((p) => isFalseRef(p.schema))) return 'closed';
  return 'partial';
}

// ---------------------------------------------------------------------------------------------
// Atom parsing (cached per node object)

interface AtomSlot {
  doc: Doc;
  base: string;
  flats: Array<Flat | undefined>;
  other?: Map<string, Flat>;
}
const atomCache = new WeakMap<object, AtomSlot>();
const structuralFlats = new Map<string, Flat>();

function parseAtom(r: SRef, role: Role): Flat {
  const node = r.node;
  if (!isObject(node)) {
    const f = emptyFlat([r]);
    if (node === false) {
      f.empty = true;
      f.kinds = 0;
      f.constrains = true;
    }
    return f;
  }
  // the two readings differ only for unevaluated* keywords
  const roleMatters = 'unevaluatedProperties' in node || 'unevaluatedItems' in node;
  const index = (r.omit & 7) + (roleMatters && role === 'B' ? 8 : 0);
  const info = refInfo(r);
  if (!info.hasRef && !info.hasId) {
    // Without references, equal structure means equal meaning: share one parse across documents
    // (a registry holds many versions that repeat most of their subschemas).
    const key = `${info.id}|${r.doc.draft}|${index}`;
    let f = structuralFlats.get(key);
    if (!f) {
      f = parseAtomUncached(r, node, role);
      if (structuralFlats.size > 200_000) structuralFlats.clear();
      structuralFlats.set(key, f);
    }
    return f;
  }
  let slot = atomCache.get(node);
  if (!slot) atomCache.set(node, (slot = { doc: r.doc, base: r.base, flats: [] }));
  if (slot.doc === r.doc && slot.base === r.base) {
    const hit = slot.flats[index];
    if (hit) return hit;
    const f = parseAtomUncached(r, node, role);
    slot.flats[index] = f;
    return f;
  }
  // the same object reached from another document or base (rare)
  const key = `${r.doc.uid}|${r.base}|${index}`;
  slot.other ??= new Map();
  const hit = slot.other.get(key);
  if (hit) return hit;
  const f = parseAtomUncached(r, node, role);
  slot.other.set(key, f);
  return f;
}

function parseAtomUncached(r: SRef, s: JsonSchemaObject, role: Role): Flat {
  const f = emptyFlat([r]);
  const draft = r.doc.draft;
  const modern = draft !== 'draft-07';
  let constrains = false;

  const tm = typeMask(s.type);
  if (tm) {
    f.kinds &= tm.kinds;
    f.integer = tm.integer;
    constrains = true;
  }
  if (Array.isArray(s.enum)) {
    f.enums = [s.enum];
    constrains = true;
  }
  if ('const' in s) {
    f.enums = f.enums.length ? [...f.enums, [s.const]] : [[s.const]];
    constrains = true;
  }
  // numbers
  const minimum = num(s.minimum);
  const maximum = num(s.maximum);
  if (minimum !== undefined) tightenLo(f, minimum, s.exclusiveMinimum === true);
  if (maximum !== undefined) tightenHi(f, maximum, s.exclusiveMaximum === true);
  const exMin = num(s.exclusiveMinimum);
  const exMax = num(s.exclusiveMaximum);
  if (exMin !== undefined) tightenLo(f, exMin, true);
  if (exMax !== undefined) tightenHi(f, exMax, true);
  const mult = num(s.multipleOf);
  if (mult !== undefined && mult > 0) f.multipleOf = [mult];
  if (f.lo !== undefined || f.hi !== undefined || f.multipleOf.length) constrains = true;
  // strings
  const minLen = nonNegInt(s.minLength);
  const maxLen = nonNegInt(s.maxLength);
  if (minLen !== undefined) f.minLen = minLen;
  if (maxLen !== undefined) f.maxLen = maxLen;
  if (typeof s.pattern === 'string') f.patterns = [s.pattern];
  if (typeof s.format === 'string') f.formats = [s.format];
  if (minLen || maxLen !== undefined || f.patterns.length || f.formats.length) constrains = true;
  // objects
  const props = isObject(s.properties) ? s.properties : undefined;
  const pats = isObject(s.patternProperties) ? s.patternProperties : undefined;
  const hasAP = 'additionalProperties' in s;
  if (props || pats || hasAP) {
    const pm = new Map<string, SRef>();
    if (props) for (const [k, v] of Object.entries(props)) pm.set(k, child(r, v));
    const pe: PatternEntry[] = [];
    if (pats) for (const [p, v] of Object.entries(pats)) pe.push({ source: p, re: compilePattern(p), schema: child(r, v) });
    const rest = hasAP ? child(r, s.additionalProperties) : undefined;
    f.facets = [{ props: pm, patterns: pe, rest, model: modelOf(pe, rest), declares: true, unevaluated: false }];
    constrains = true;
  }
  if (Array.isArray(s.required)) {
    const req = new Set<string>();
    for (const k of s.required) if (typeof k === 'string') req.add(k);
    if (req.size) {
      f.required = req;
      constrains = true;
    }
  }
  const minProps = nonNegInt(s.minProperties);
  const maxProps = nonNegInt(s.maxProperties);
  if (minProps !== undefined) f.minProps = minProps;
  if (maxProps !== undefined) f.maxProps = maxProps;
  if (minProps || maxProps !== undefined) constrains = true;
  if ('propertyNames' in s) {
    f.propertyNames = [child(r, s.propertyNames)];
    constrains = true;
  }
  const addDeps = (deps: unknown, allowArrays: boolean, allowSchemas: boolean) => {
    if (!isObject(deps)) return;
    for (const [k, v] of Object.entries(deps)) {
      if (Array.isArray(v)) {
        if (!allowArrays) continue;
        const list = v.filter((x): x is string => typeof x === 'string');
        if (list.length) {
          if (f.depReq === EMPTY_MAP) f.depReq = new Map();
          f.depReq.set(k, [...(f.depReq.get(k) ?? []), ...list]);
        }
      } else if (allowSchemas && (isObject(v) || typeof v === 'boolean')) {
        f.depSch = [...f.depSch, [k, child(r, v)]];
      }
      constrains = true;
    }
  };
  addDeps(s.dependencies, true, true);
  if (modern) {
    addDeps(s.dependentRequired, true, false);
    addDeps(s.dependentSchemas, false, true);
  }
  // arrays
  let prefix: SRef[] | undefined;
  let rest: SRef | undefined;
  if (Array.isArray(s.items)) {
    // draft-07 / 2019-09 tuple form (also accepted, leniently, in a 2020-12 document)
    prefix = s.items.map((v) => child(r, v));
    if ('additionalItems' in s) rest = child(r, s.additionalItems);
  } else if (draft === '2020-12') {
    if (Array.isArray(s.prefixItems)) prefix = s.prefixItems.map((v) => child(r, v));
    if ('items' in s) rest = child(r, s.items);
  } else if ('items' in s) {
    rest = child(r, s.items);
  }
  if (prefix || rest) {
    f.tuples = [{ prefix: prefix ?? [], rest, model: tupleModel(rest), unevaluated: false }];
    constrains = true;
  }
  const minItems = nonNegInt(s.minItems);
  const maxItems = nonNegInt(s.maxItems);
  if (minItems !== undefined) f.minItems = minItems;
  if (maxItems !== undefined) f.maxItems = maxItems;
  if (s.uniqueItems === true) f.unique = true;
  if (minItems || maxItems !== undefined || f.unique) constrains = true;
  if ('contains' in s) {
    let min = 1;
    let max: number | undefined;
    if (modern) {
      const mn = nonNegInt(s.minContains);
      const mx = nonNegInt(s.maxContains);
      if (mn !== undefined) min = mn;
      if (mx !== undefined) max = mx;
    }
    f.contains = [{ schema: child(r, s.contains), min, max }];
    constrains = true;
  }
  // unevaluated (2019-09 and later)
  if (modern && 'unevaluatedProperties' in s && !hasAP) {
    const facet = unevaluatedPropsFacet(r, s, role);
    if (facet) {
      f.facets = [...f.facets, facet];
      constrains = true;
    }
  }
  if (modern && 'unevaluatedItems' in s) {
    const t = unevaluatedItemsTuple(r, s, role);
    if (t) {
      f.tuples = [...f.tuples, t];
      constrains = true;
    }
  }
  // combinators
  if (!(r.omit & OMIT_ANYOF) && Array.isArray(s.anyOf) && s.anyOf.length) {
    f.groups = [...f.groups, { owner: r, alts: s.anyOf.map((v) => child(r, v)), one: false }];
    constrains = true;
  }
  if (!(r.omit & OMIT_ONEOF) && Array.isArray(s.oneOf) && s.oneOf.length) {
    f.groups = [...f.groups, { owner: r, alts: s.oneOf.map((v) => child(r, v)), one: true }];
    constrains = true;
  }
  if ('not' in s) {
    f.nots = [child(r, s.not)];
    constrains = true;
  }
  if (!(r.omit & OMIT_IF) && 'if' in s && ('then' in s || 'else' in s)) {
    f.conds = [{
      owner: r,
      if: child(r, s.if),
      then: 'then' in s ? child(r, s.then) : undefined,
      else: 'else' in s ? child(r, s.else) : undefined,
    }];
    constrains = true;
  }
  for (const k of OPAQUE) {
    if (k in s) {
      f.opaque = [...f.opaque, [k, s[k]]];
      constrains = true;
    }
  }
  f.constrains = constrains;
  finishKinds(f);
  return f;
}

function tupleModel(rest: SRef | undefined): 'open' | 'partial' | 'closed' {
  if (rest === undefined || isTrivialRef(rest)) return 'open';
  if (isFalseRef(rest)) return 'closed';
  return 'partial';
}

function tightenLo(f: Flat, v: number, ex: boolean): void {
  if (f.lo === undefined || v > f.lo || (v === f.lo && ex)) {
    f.lo = v;
    f.loEx = ex;
  }
}
function tightenHi(f: Flat, v: number, ex: boolean): void {
  if (f.hi === undefined || v < f.hi || (v === f.hi && ex)) {
    f.hi = v;
    f.hiEx = ex;
  }
}

/** Restricts kinds by enum values; marks obviously empty flats. */
function finishKinds(f: Flat): void {
  for (const list of f.enums) {
    let k = 0;
    for (const v of list) k |= kindOfValue(v);
    f.kinds &= k;
  }
  if (f.kinds === 0) f.empty = true;
}

// ---------------------------------------------------------------------------------------------
// Annotation closures for unevaluated*

interface EvalInfo {
  names: Set<string>;
  patterns: Set<string>;
  prefix: number;
  allProps: boolean;
  allItems: boolean;
  containsSeen: boolean;
  /** A conditional subschema (anyOf/oneOf/if/then/else/dependentSchemas) may evaluate properties / items. */
  conditionalProps: boolean;
  conditionalItems: boolean;
}

function evaluatedClosure(r: SRef, role: Role): EvalInfo {
  const info: EvalInfo = { names: new Set(), patterns: new Set(), prefix: 0, allProps: false, allItems: false, containsSeen: false, conditionalProps: false, conditionalItems: false };
  const seen = new Set<object>();
  let budget = 2000;
  const visit = (ref: SRef, isSelf: boolean, depth: number): void => {
    const s = ref.node;
    if (!isObject(s) || seen.has(s)) return;
    if (--budget < 0 || depth > 64) {
      if (role === 'A') {
        info.allProps = true;
        info.allItems = true;
      }
      return;
    }
    seen.add(s);
    const draft = ref.doc.draft;
    if (isObject(s.properties)) for (const k of Object.keys(s.properties)) info.names.add(k);
    if (isObject(s.patternProperties)) for (const k of Object.keys(s.patternProperties)) info.patterns.add(k);
    if ('additionalProperties' in s) info.allProps = true;
    if (!isSelf && 'unevaluatedProperties' in s) info.allProps = true;
    if (Array.isArray(s.items)) {
      info.prefix = Math.max(info.prefix, s.items.length);
      if ('additionalItems' in s) info.allItems = true;
    } else if (draft === '2020-12') {
      if (Array.isArray(s.prefixItems)) info.prefix = Math.max(info.prefix, s.prefixItems.length);
      if ('items' in s) info.allItems = true;
    } else if ('items' in s) info.allItems = true;
    if (!isSelf && 'unevaluatedItems' in s) info.allItems = true;
    if ('contains' in s && draft === '2020-12') info.containsSeen = true;
    const next: unknown[] = [];
    if (Array.isArray(s.allOf)) next.push(...s.allOf);
    if (role === 'B') {
      // ajv 8.20 loses the statically known evaluated properties/items when a `dependentSchemas`
      // subschema that evaluates some is not applied: it then checks unevaluated* against every
      // key / item. Read such a reader that strictly (docs/compatibility.md, "ajv defects").
      const conditional: unknown[] = [];
      if (isObject(s.dependentSchemas)) conditional.push(...Object.values(s.dependentSchemas));
      if (isObject(s.dependencies)) for (const v of Object.values(s.dependencies)) if (!Array.isArray(v)) conditional.push(v);
      for (const c of conditional) {
        if (mentions(c, PROP_EVAL_KEYS)) info.conditionalProps = true;
        if (mentions(c, ITEM_EVAL_KEYS)) info.conditionalItems = true;
      }
    }
    if (role === 'A') {
      if (Array.isArray(s.anyOf)) next.push(...s.anyOf);
      if (Array.isArray(s.oneOf)) next.push(...s.oneOf);
      for (const k of ['if', 'then', 'else']) if (k in s) next.push(s[k]);
      if (isObject(s.dependentSchemas)) next.push(...Object.values(s.dependentSchemas));
      if (isObject(s.dependencies)) for (const v of Object.values(s.dependencies)) if (!Array.isArray(v)) next.push(v);
    }
    for (const n of next) visit(child(ref, n), false, depth + 1);
    for (const key of ['$ref', '$dynamicRef', '$recursiveRef']) {
      const ref$ = s[key];
      if (typeof ref$ !== 'string') continue;
      const res = resolveRef(key === '$recursiveRef' ? '#' : ref$, ref.doc, ref.base);
      if ('error' in res) {
        if (role === 'A') {
          info.allProps = true;
          info.allItems = true;
        }
      } else visit({ node: res.node, doc: res.doc, base: childBase(res.node, res.base), omit: 0 }, false, depth + 1);
    }
  };
  visit(r, true, 0);
  return info;
}

const PROP_EVAL_KEYS = ['properties', 'patternProperties', 'additionalProperties', 'unevaluatedProperties', '$ref', '$dynamicRef', '$recursiveRef'];
const ITEM_EVAL_KEYS = ['items', 'prefixItems', 'additionalItems', 'unevaluatedItems', 'contains', '$ref', '$dynamicRef', '$recursiveRef'];

/** Whether a subschema (or its in-place applicators) uses one of the keywords. */
function mentions(node: unknown, keys: readonly string[], depth = 0): boolean {
  if (!isObject(node) || depth > 32) return depth > 32;
  for (const k of keys) if (k in node) return true;
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[k];
    if (Array.isArray(list) && list.some((x) => mentions(x, keys, depth + 1))) return true;
  }
  for (const k of ['if', 'then', 'else', 'not']) if (k in node && mentions(node[k], keys, depth + 1)) return true;
  if (isObject(node.dependentSchemas) && Object.values(node.dependentSchemas).some((x) => mentions(x, keys, depth + 1))) return true;
  return false;
}

function unevaluatedPropsFacet(r: SRef, s: JsonSchemaObject, role: Role): Facet | undefined {
  const info = evaluatedClosure(r, role);
  if (info.allProps && !(role === 'B' && info.conditionalProps)) return undefined;
  if (role === 'B' && info.conditionalProps) {
    const restAll = child(r, s.unevaluatedProperties);
    if (isTrivialRef(restAll)) return undefined;
    return { props: new Map(), patterns: [], rest: restAll, model: isFalseRef(restAll) ? 'closed' : 'partial', declares: true, unevaluated: true };
  }
  const props = new Map<string, SRef>();
  for (const n of info.names) props.set(n, TRUE_REF);
  const patterns: PatternEntry[] = [];
  for (const p of info.patterns) patterns.push({ source: p, re: compilePattern(p), schema: TRUE_REF });
  const rest = child(r, s.unevaluatedProperties);
  if (isTrivialRef(rest)) return undefined;
  return { props, patterns, rest, model: isFalseRef(rest) && patterns.length === 0 ? 'closed' : 'partial', declares: true, unevaluated: true };
}

function unevaluatedItemsTuple(r: SRef, s: JsonSchemaObject, role: Role): Tuple | undefined {
  const info = evaluatedClosure(r, role);
  if (role === 'B' && info.conditionalItems) {
    const restAll = child(r, s.unevaluatedItems);
    if (isTrivialRef(restAll)) return undefined;
    return { prefix: [], rest: restAll, model: tupleModel(restAll), unevaluated: true };
  }
  if (info.allItems) return undefined;
  if (info.containsSeen && role === 'A') return undefined;
  const rest = child(r, s.unevaluatedItems);
  if (isTrivialRef(rest)) return undefined;
  return { prefix: new Array(info.prefix).fill(TRUE_REF), rest, model: tupleModel(rest), unevaluated: true };
}

// ---------------------------------------------------------------------------------------------
// Conjunctions

export const MAX_ATOMS = 512;

/** Expands `$ref` and `allOf` into atoms (deduplicated). */
export function collectAtoms(conj: readonly SRef[]): { atoms: SRef[]; issues: Issue[]; empty: boolean } {
  const atoms: SRef[] = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  let empty = false;
  const stack = new Set<string>();
  const visit = (r: SRef, depth: number): void => {
    if (empty || issues.length > 8) return;
    const node = r.node;
    if (node === true) return;
    if (node === false) {
      empty = true;
      return;
    }
    if (!isObject(node)) return;
    const key = atomKey(r);
    if (stack.has(key)) {
      issues.push({ kind: 'REF_CYCLE', message: 'a reference cycle does not pass through any property or item, so it never terminates' });
      return;
    }
    if (seen.has(key)) return;
    if (atoms.length >= MAX_ATOMS || depth > 128) {
      issues.push({ kind: 'TOO_LARGE', message: 'the schema nests `allOf`/`$ref` too deeply to analyse' });
      return;
    }
    if (r.doc.tooLarge) issues.push({ kind: 'TOO_LARGE', message: 'the schema document is too large or too deeply nested to analyse' });
    seen.add(key);
    stack.add(key);
    for (const refKey of ['$ref', '$dynamicRef', '$recursiveRef'] as const) {
      const ref = node[refKey];
      if (typeof ref !== 'string') continue;
      if (refKey !== '$ref') {
        const anchorName = refKey === '$recursiveRef' ? '$recursive' : ref.replace(/^.*#/, '');
        if (r.doc.ambiguousDynamic.has(anchorName)) {
          issues.push({ kind: 'DYNAMIC_REF', message: `${refKey} "${ref}" may resolve to one of several dynamic anchors` });
          continue;
        }
      }
      const res = resolveRef(refKey === '$recursiveRef' ? '#' : ref, r.doc, r.base);
      if ('error' in res) issues.push({ kind: 'UNRESOLVED_REF', message: `$ref "${ref}" cannot be resolved: ${res.error}` });
      else visit({ node: res.node, doc: res.doc, base: childBase(res.node, res.base), omit: 0 }, depth + 1);
    }
    if (Array.isArray(node.allOf)) for (const m of node.allOf) visit(child(r, m), depth + 1);
    stack.delete(key);
    atoms.push(r);
  };
  for (const r of conj) visit(r, 0);
  return { atoms, issues, empty };
}

const flatCache = new Map<string, Flat>();

/** The merged normal form of a conjunction, for a role. */
export function flatten(conj: readonly SRef[], role: Role): Flat {
  if (conj.length === 1) {
    const r = conj[0];
    if (r.node === true) return trueFlat;
    if (r.node === false) return falseFlat;
  }
  const { atoms, issues, empty } = collectAtoms(conj);
  if (empty) return falseFlat;
  if (atoms.length === 0 && issues.length === 0) return trueFlat;
  if (atoms.length === 1 && issues.length === 0) {
    const single = parseAtom(atoms[0], role);
    if (!single.key) {
      single.key = atomKey(atoms[0]);
      single.refFree = !nodeInfo(atoms[0].node).hasRef;
    }
    return single;
  }
  const keys = atoms.map(atomKey).sort();
  const key = keys.join('&') + '#' + role;
  const cached = flatCache.get(key);
  if (cached && issues.length === 0) return cached;
  const f = emptyFlat(atoms);
  f.key = keys.join('&');
  f.refFree = atoms.every((a) => !nodeInfo(a.node).hasRef);
  f.issues = issues.length ? issues : EMPTY;
  for (const a of atoms) mergeInto(f, parseAtom(a, role));
  if (issues.length) f.constrains = true;
  finishKinds(f);
  if (f.refFree && issues.length === 0) {
    if (flatCache.size > 50_000) flatCache.clear();
    flatCache.set(key, f);
  }
  return f;
}

const trueFlat: Flat = (() => {
  const f = emptyFlat([]);
  f.key = 'T';
  return f;
})();
const falseFlat: Flat = (() => {
  const f = emptyFlat([FALSE_REF]);
  f.key = 'F';
  f.empty = true;
  f.kinds = 0;
  f.constrains = true;
  return f;
})();

const cat = <T>(x: T[], y: T[]): T[] => (y.length === 0 ? x : x.length === 0 ? y : x.concat(y));

/** Conjunction of two flats into `f` (a fresh flat); shared arrays are never mutated. */
function mergeInto(f: Flat, a: Flat): void {
  if (a.empty) f.empty = true;
  f.kinds &= a.kinds;
  f.integer ||= a.integer;
  f.enums = cat(f.enums, a.enums);
  if (a.lo !== undefined) tightenLo(f, a.lo, a.loEx);
  if (a.hi !== undefined) tightenHi(f, a.hi, a.hiEx);
  f.multipleOf = cat(f.multipleOf, a.multipleOf);
  f.minLen = Math.max(f.minLen, a.minLen);
  if (a.maxLen !== undefined) f.maxLen = f.maxLen === undefined ? a.maxLen : Math.min(f.maxLen, a.maxLen);
  f.patterns = cat(f.patterns, a.patterns);
  f.formats = cat(f.formats, a.formats);
  f.facets = cat(f.facets, a.facets);
  if (a.required.size) f.required = f.required.size ? new Set([...f.required, ...a.required]) : a.required;
  f.minProps = Math.max(f.minProps, a.minProps);
  if (a.maxProps !== undefined) f.maxProps = f.maxProps === undefined ? a.maxProps : Math.min(f.maxProps, a.maxProps);
  f.propertyNames = cat(f.propertyNames, a.propertyNames);
  if (a.depReq.size) {
    if (!f.depReq.size) f.depReq = a.depReq;
    else {
      const m = new Map(f.depReq);
      for (const [k, v] of a.depReq) m.set(k, [...(m.get(k) ?? []), ...v]);
      f.depReq = m;
    }
  }
  f.depSch = cat(f.depSch, a.depSch);
  f.tuples = cat(f.tuples, a.tuples);
  f.minItems = Math.max(f.minItems, a.minItems);
  if (a.maxItems !== undefined) f.maxItems = f.maxItems === undefined ? a.maxItems : Math.min(f.maxItems, a.maxItems);
  f.unique ||= a.unique;
  f.contains = cat(f.contains, a.contains);
  f.groups = cat(f.groups, a.groups);
  f.nots = cat(f.nots, a.nots);
  f.conds = cat(f.conds, a.conds);
  f.opaque = cat(f.opaque, a.opaque);
  f.constrains ||= a.constrains;
}

/** Replaces one atom of a conjunction by a copy with more disjunctive keywords omitted. */
export function withOmit(r: SRef, bit: number): SRef {
  return { node: r.node, doc: r.doc, base: r.base, omit: r.omit | bit };
}
