/**
 * Deterministic instance generation: `sampleInstances(schema)` returns events that validate under
 * the schema (each candidate is checked with ajv; the ones that fail are dropped). Used by the
 * compatibility engine for counterexamples and by migration-rule verification.
 *
 * Generation walks the engine's normal form (core/compat/normalize.ts): it picks an alternative of
 * each anyOf/oneOf/if, a JSON kind, and values near the bounds of each keyword. It is bounded in
 * depth, size and attempts, so any schema (recursive, contradictory, huge) returns promptly — with
 * fewer instances, or none, when valid ones are hard to find.
 */
import type { ValidateFunction } from 'ajv';
import { compatDraft, getDoc, isObject } from '../compat/document/index.js';
import {
  child,
  compilePattern,
  flatten,
  kindOfValue,
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
  rootRef,
  withOmit,
  isFalseRef,
  type Flat,
  type SRef,
} from '../compat/normalize.js';
import { codePointLength, deepEqual, enumHas } from '../compat/values.js';
import { createAjv } from './ajv.js';
import type { Draft, JsonSchema, ReferencedSchemas } from './types.js';

export interface SampleOptions {
  references?: ReferencedSchemas;
  /** How many instances to return at most (default 20). */
  count?: number;
  /** PRNG seed (default 1): the same inputs always give the same instances. */
  seed?: number;
}

export interface SampleOptionsInternal extends SampleOptions {
  /** Property names to try as extra properties of open objects (e.g. the reader's names). */
  hintKeys?: readonly string[];
  /** Candidate attempts (default count × 6 + 20). */
  attempts?: number;
}

// ---------------------------------------------------------------------------------------------
// ajv, compiled once per (schema, references)

const compiled = new WeakMap<object, WeakMap<object, ValidateFunction | null>>();
const NO_REFS: ReferencedSchemas = Object.freeze({});

/** Rewrites draft-04 boolean `exclusiveMinimum`/`exclusiveMaximum` into the numeric form ajv reads. */
function modernizeBounds(node: unknown, depth = 0): unknown {
  if (depth > 256) return node;
  if (Array.isArray(node)) return node.map((n) => modernizeBounds(n, depth + 1));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default') out[k] = v;
    else out[k] = modernizeBounds(v, depth + 1);
  }
  if (typeof node.exclusiveMinimum === 'boolean') {
    delete out.exclusiveMinimum;
    if (node.exclusiveMinimum && typeof node.minimum === 'number') {
      out.exclusiveMinimum = node.minimum;
      delete out.minimum;
    }
  }
  if (typeof node.exclusiveMaximum === 'boolean') {
    delete out.exclusiveMaximum;
    if (node.exclusiveMaximum && typeof node.maximum === 'number') {
      out.exclusiveMaximum = node.maximum;
      delete out.maximum;
    }
  }
  return out;
}

function hasBooleanBounds(node: unknown, depth = 0): boolean {
  if (depth > 256) return false;
  if (Array.isArray(node)) return node.some((n) => hasBooleanBounds(n, depth + 1));
  if (!isObject(node)) return false;
  if (typeof node.exclusiveMinimum === 'boolean' || typeof node.exclusiveMaximum === 'boolean') return true;
  for (const [k, v] of Object.entries(node)) if (k !== 'enum' && k !== 'const' && typeof v === 'object' && v !== null && hasBooleanBounds(v, depth + 1)) return true;
  return false;
}

/**
 * An ajv validator for a schema with its named references, or null when ajv cannot compile it.
 * No remote schema is ever loaded.
 */
export function compileValidator(schema: JsonSchema, references: ReferencedSchemas = NO_REFS): ValidateFunction | null {
  if (typeof schema === 'boolean') return compileUncached(schema, references);
  let byRefs = compiled.get(schema);
  if (!byRefs) compiled.set(schema, (byRefs = new WeakMap()));
  const hit = byRefs.get(references as object);
  if (hit !== undefined) return hit;
  const v = compileUncached(schema, references);
  byRefs.set(references as object, v);
  return v;
}

const DRAFT_URIS: Record<string, string> = {
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};
/**
 * Verification needs only a yes/no, so no error messages and no code optimisation (compiles ~4×
 * faster). `allErrors` stays on as in the registry: ajv 8 with `allErrors: false` wrongly accepts
 * `[]` under `{prefixItems, items, contains, minContains: 1, maxContains}`.
 */
const VERIFY_OPTIONS = { allErrors: true, messages: false, code: { optimize: false } } as const;
const shared = new Map<string, { ajv: ReturnType<typeof createAjv>; uses: number }>();

/** One ajv per draft for schemas without `$id` or references (compiling a meta-schema is slow). */
function sharedAjv(draft: Draft): ReturnType<typeof createAjv> {
  let entry = shared.get(draft);
  if (!entry || entry.uses > 2000) {
    entry = { ajv: createAjv(draft, VERIFY_OPTIONS), uses: 0 };
    shared.set(draft, entry);
  }
  entry.uses++;
  return entry.ajv;
}

function hasId(node: unknown, depth = 0): boolean {
  if (depth > 256) return true;
  if (Array.isArray(node)) return node.some((n) => hasId(n, depth + 1));
  if (!isObject(node)) return false;
  if (typeof node.$id === 'string' || typeof node.id === 'string') return true;
  for (const [k, v] of Object.entries(node)) if (k !== 'enum' && k !== 'const' && typeof v === 'object' && v !== null && hasId(v, depth + 1)) return true;
  return false;
}

/** What ajv is given: draft-04 style bounds rewritten, `$schema` set to the draft being used. */
function forAjv(schema: unknown, draft: Draft): unknown {
  let out = hasBooleanBounds(schema) ? modernizeBounds(schema) : schema;
  if (isObject(out) && typeof out.$schema === 'string' && out.$schema !== DRAFT_URIS[draft]) out = { ...out, $schema: DRAFT_URIS[draft] };
  return out;
}

function compileUncached(schema: JsonSchema, references: ReferencedSchemas): ValidateFunction | null {
  try {
    const draft = compatDraft(schema);
    const root = forAjv(schema, draft);
    const names = Object.keys(references);
    if (names.length === 0 && !hasId(schema)) return sharedAjv(draft).compile(root as object);
    // Meta-validate with the shared instance, compile in a fresh one (ids and reference names are per document).
    const meta = sharedAjv(draft);
    if (typeof root === 'object' && !meta.validateSchema(root as object)) return null;
    const ajv = createAjv(draft, { ...VERIFY_OPTIONS, validateSchema: false });
    const rootId = isObject(schema) && typeof schema.$id === 'string' ? schema.$id : undefined;
    for (const name of names) {
      const ref = references[name];
      const body = forAjv(ref, compatDraft(ref));
      // A referenced schema is known by its name; its own $id would clash across documents.
      const copy = isObject(body) ? { ...body } : body;
      if (isObject(copy)) {
        delete copy.$id;
        delete copy.$schema;
      }
      try {
        ajv.addSchema(copy as object, name);
        if (rootId) {
          const abs = new URL(name, new URL(rootId, 'https://charter.invalid/')).href;
          if (abs !== name) ajv.addSchema(copy as object, abs);
        }
      } catch {
        /* duplicate or invalid reference: compilation below reports what matters */
      }
    }
    return ajv.compile(root as object);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// PRNG

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Gen {
  rnd: () => number;
  hints: readonly string[];
  budget: number;
  minimal: boolean;
}

const pick = <T>(g: Gen, xs: readonly T[]): T => xs[Math.floor(g.rnd() * xs.length)];
const int = (g: Gen, lo: number, hi: number): number => lo + Math.floor(g.rnd() * (hi - lo + 1));

class NoInstance extends Error {}
const fail = (): never => {
  throw new NoInstance();
};

// ---------------------------------------------------------------------------------------------
// regular expressions → strings (a small subset; anything else falls back to stock strings)

type RNode =
  | { t: 'seq'; items: RNode[] }
  | { t: 'alt'; options: RNode[] }
  | { t: 'chars'; chars: string[]; negate: boolean }
  | { t: 'rep'; node: RNode; min: number; max: number }
  | { t: 'empty' };

const DIGITS = '0123456789'.split('');
const WORD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'.split('');
const SPACE = [' ', '\t'];
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

function parseRegex(src: string): RNode {
  let i = 0;
  const parseAlt = (): RNode => {
    const options: RNode[] = [parseSeq()];
    while (src[i] === '|') {
      i++;
      options.push(parseSeq());
    }
    return options.length === 1 ? options[0] : { t: 'alt', options };
  };
  const parseSeq = (): RNode => {
    const items: RNode[] = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      let atom = parseAtom();
      // quantifiers
      for (;;) {
        const c = src[i];
        let min = -1;
        let max = -1;
        if (c === '*') [min, max] = [0, 3];
        else if (c === '+') [min, max] = [1, 4];
        else if (c === '?') [min, max] = [0, 1];
        else if (c === '{') {
          const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
          if (!m) break;
          min = Number(m[1]);
          max = m[2] ? (m[3] ? Number(m[3]) : min + 3) : min;
          i += m[0].length - 1;
        } else break;
        i++;
        if (src[i] === '?') i++;
        atom = { t: 'rep', node: atom, min, max: Math.min(max, min + 8) };
      }
      items.push(atom);
    }
    return { t: 'seq', items };
  };
  const parseClassEscape = (c: string): string[] | undefined => {
    switch (c) {
      case 'd': return DIGITS;
      case 'w': return WORD;
      case 's': return SPACE;
      case 'D': return PRINTABLE.filter((x) => !DIGITS.includes(x));
      case 'W': return PRINTABLE.filter((x) => !WORD.includes(x));
      case 'S': return PRINTABLE.filter((x) => x !== ' ');
      default: return undefined;
    }
  };
  const parseAtom = (): RNode => {
    const c = src[i++];
    if (c === '^' || c === '$') return { t: 'empty' };
    if (c === '.') return { t: 'chars', chars: WORD, negate: false };
    if (c === '(') {
      if (src[i] === '?') {
        if (src[i + 1] === ':') i += 2;
        else throw new Error('unsupported group');
      }
      const inner = parseAlt();
      if (src[i] !== ')') throw new Error('unbalanced');
      i++;
      return inner;
    }
    if (c === '[') {
      let negate = false;
      if (src[i] === '^') {
        negate = true;
        i++;
      }
      const chars: string[] = [];
      let first = true;
      while (i < src.length && (src[i] !== ']' || first)) {
        first = false;
        let ch = src[i++];
        if (ch === '\\') {
          const e = src[i++];
          const cls = parseClassEscape(e);
          if (cls) {
            chars.push(...cls);
            continue;
          }
          ch = e === 'n' ? '\n' : e === 't' ? '\t' : e;
        }
        if (src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
          let end = src[i + 1];
          i += 2;
          if (end === '\\') end = src[i++];
          const a = ch.codePointAt(0)!;
          const b = end.codePointAt(0)!;
          for (let x = a; x <= b && x - a < 200; x++) chars.push(String.fromCodePoint(x));
        } else chars.push(ch);
      }
      if (src[i] !== ']') throw new Error('unbalanced class');
      i++;
      return { t: 'chars', chars: negate ? PRINTABLE.filter((x) => !chars.includes(x)) : chars, negate: false };
    }
    if (c === '\\') {
      const e = src[i++];
      const cls = parseClassEscape(e);
      if (cls) return { t: 'chars', chars: cls, negate: false };
      if (e === 'b' || e === 'B') return { t: 'empty' };
      if (/[1-9]/.test(e)) throw new Error('backreference');
      if (e === 'u' && /^[0-9a-fA-F]{4}/.test(src.slice(i))) {
        const ch = String.fromCharCode(parseInt(src.slice(i, i + 4), 16));
        i += 4;
        return { t: 'chars', chars: [ch], negate: false };
      }
      if (e === 'p' || e === 'P') throw new Error('unicode property');
      return { t: 'chars', chars: [e === 'n' ? '\n' : e === 't' ? '\t' : e], negate: false };
    }
    return { t: 'chars', chars: [c], negate: false };
  };
  const node = parseAlt();
  if (i !== src.length) throw new Error('trailing');
  return node;
}

function genRegex(g: Gen, node: RNode): string {
  switch (node.t) {
    case 'empty':
      return '';
    case 'chars':
      return node.chars.length ? pick(g, node.chars) : '';
    case 'seq':
      return node.items.map((n) => genRegex(g, n)).join('');
    case 'alt':
      return genRegex(g, pick(g, node.options));
    case 'rep': {
      const n = g.minimal ? node.min : int(g, node.min, node.max);
      let s = '';
      for (let k = 0; k < n; k++) s += genRegex(g, node.node);
      return s;
    }
  }
}

function stringForPattern(g: Gen, pattern: string): string | undefined {
  const re = compilePattern(pattern);
  if (!re) return undefined;
  let node: RNode;
  try {
    node = parseRegex(pattern);
  } catch {
    return undefined;
  }
  for (let k = 0; k < 6; k++) {
    const anchoredStart = pattern.startsWith('^');
    const anchoredEnd = pattern.endsWith('$') && !pattern.endsWith('\\$');
    let s = genRegex(g, node);
    if (!anchoredStart && g.rnd() < 0.2) s = 'x' + s;
    if (!anchoredEnd && g.rnd() < 0.2) s = s + 'y';
    if (re.test(s)) return s;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// values

const FORMAT_SAMPLES: Record<string, string[]> = {
  'date-time': ['2024-01-02T03:04:05Z', '1999-12-31T23:59:59.123+01:00'],
  'iso-date-time': ['2024-01-02T03:04:05Z'],
  date: ['2024-01-02', '2000-02-29'],
  time: ['03:04:05Z', '23:59:59+01:00'],
  'iso-time': ['03:04:05Z'],
  duration: ['P1D', 'PT1H30M'],
  email: ['a@example.com', 'first.last@example.org'],
  hostname: ['example.com', 'a-b.example'],
  ipv4: ['192.0.2.1', '10.0.0.255'],
  ipv6: ['::1', '2001:db8::1'],
  uri: ['https://example.com/a?b=c', 'urn:isbn:0451450523'],
  'uri-reference': ['/a/b', 'https://example.com'],
  'uri-template': ['https://example.com/{id}'],
  url: ['https://example.com/'],
  uuid: ['123e4567-e89b-12d3-a456-426614174000', '00000000-0000-0000-0000-000000000000'],
  'json-pointer': ['/a/b', ''],
  'json-pointer-uri-fragment': ['#/a'],
  'relative-json-pointer': ['0/a', '1'],
  regex: ['^a+$', '.*'],
  byte: ['aGVsbG8=', ''],
  password: ['hunter2'],
  binary: ['abc'],
};

const STOCK_STRINGS = ['', 'a', 'abc', 'x-1', 'Hello world', 'é', '😀😀', '0', 'true', 'null', 'a'.repeat(40)];

function genString(g: Gen, f: Flat): string {
  const lo = f.minLen;
  const hi = f.maxLen ?? Math.max(lo + 12, 12);
  for (const fmt of f.formats) {
    const samples = FORMAT_SAMPLES[fmt];
    if (samples) return pick(g, samples);
  }
  for (const p of f.patterns) {
    const s = stringForPattern(g, p);
    if (s !== undefined) return s;
  }
  if (f.patterns.length || (g.rnd() < 0.2 && !g.minimal)) {
    const fitting = STOCK_STRINGS.filter((s) => codePointLength(s) >= lo && codePointLength(s) <= hi);
    if (fitting.length) return pick(g, fitting);
  }
  const len = g.minimal ? lo : pick(g, [lo, hi, int(g, lo, Math.min(hi, lo + 8))]);
  const alphabet = g.rnd() < 0.15 ? ['é', 'ß', '😀', 'a'] : WORD;
  let s = '';
  for (let k = 0; k < Math.min(len, 10_000); k++) s += pick(g, alphabet);
  return s;
}

function genNumber(g: Gen, f: Flat): number {
  const integer = f.integer || f.multipleOf.some(Number.isInteger);
  let lo = f.lo ?? -1e6;
  let hi = f.hi ?? 1e6;
  if (integer) {
    lo = f.lo === undefined ? -1e6 : f.loEx ? Math.floor(f.lo) + 1 : Math.ceil(f.lo);
    hi = f.hi === undefined ? 1e6 : f.hiEx ? Math.ceil(f.hi) - 1 : Math.floor(f.hi);
  }
  if (lo > hi) fail();
  if (f.multipleOf.length) {
    let m = f.multipleOf[0];
    for (const x of f.multipleOf.slice(1)) if (Number.isInteger(m) && Number.isInteger(x)) m = (m * x) / gcd(m, x);
    const kLo = Math.ceil(lo / m);
    const kHi = Math.floor(hi / m);
    if (kLo > kHi) fail();
    const k = g.minimal ? (kLo <= 0 && kHi >= 0 ? 0 : kLo) : pick(g, [kLo, kHi, int(g, kLo, Math.min(kHi, kLo + 1000)), kLo <= 0 && kHi >= 0 ? 0 : kLo]);
    return k * m;
  }
  const candidates: number[] = [];
  if (f.lo === undefined || !f.loEx || integer) candidates.push(lo);
  else candidates.push(lo + Math.max(Math.abs(lo) * 1e-9, 1e-6));
  if (f.hi === undefined || !f.hiEx || integer) candidates.push(hi);
  else candidates.push(hi - Math.max(Math.abs(hi) * 1e-9, 1e-6));
  if (lo <= 0 && hi >= 0) candidates.push(0);
  candidates.push(integer ? int(g, Math.max(lo, -1000), Math.min(hi, 1000)) : lo + g.rnd() * (hi - lo));
  if (!integer) candidates.push(Math.round((lo + (hi - lo) / 2) * 100) / 100 + 0.5);
  if (g.minimal) return lo <= 0 && hi >= 0 ? 0 : candidates[0];
  return pick(g, candidates);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return Math.abs(a);
}

function facetSchemas(f: Flat, key: string): SRef[] | null {
  const out: SRef[] = [];
  for (const facet of f.facets) {
    const p = facet.props.get(key);
    if (p) {
      if (isFalseRef(p)) return null;
      out.push(p);
    }
    let matched = p !== undefined;
    for (const pe of facet.patterns) {
      if (pe.re && pe.re.test(key)) {
        matched = true;
        if (isFalseRef(pe.schema)) return null;
        out.push(pe.schema);
      }
    }
    if (!matched && facet.rest) {
      if (isFalseRef(facet.rest)) return null;
      out.push(facet.rest);
    }
  }
  return out;
}

function genObject(g: Gen, f: Flat, depth: number): Record<string, unknown> {
  const keys: string[] = [];
  const add = (k: string) => {
    if (!keys.includes(k)) keys.push(k);
  };
  for (const k of f.required) add(k);
  const declared: string[] = [];
  for (const facet of f.facets) for (const [k, v] of facet.props) if (!isFalseRef(v) && !facet.unevaluated) declared.push(k);
  const deep = depth > 5;
  if (!g.minimal && !deep) {
    const all = g.rnd() < 0.3;
    for (const k of declared) if (all || g.rnd() < 0.5) add(k);
  }
  const closed = f.facets.some((x) => x.model === 'closed');
  if (!g.minimal && !deep && !closed && g.rnd() < 0.6) {
    const n = int(g, 1, 2);
    for (let k = 0; k < n; k++) {
      const fromPattern = f.facets.flatMap((x) => x.patterns).filter((p) => p.re);
      if (fromPattern.length && g.rnd() < 0.5) {
        const s = stringForPattern(g, pick(g, fromPattern).source);
        if (s !== undefined) {
          add(s);
          continue;
        }
      }
      if (f.propertyNames.length && g.rnd() < 0.7) {
        const name = generate(g, f.propertyNames, depth + 1);
        if (typeof name === 'string') {
          add(name);
          continue;
        }
      }
      add(g.hints.length && g.rnd() < 0.7 ? pick(g, g.hints) : pick(g, ['extra', 'x', 'note', 'meta_1']));
    }
  }
  for (const k of [...keys]) for (const d of f.depReq.get(k) ?? []) add(d);
  while (keys.length < f.minProps) {
    const k = declared.find((d) => !keys.includes(d)) ?? `p${keys.length}`;
    add(k);
  }
  if (f.maxProps !== undefined) {
    while (keys.length > f.maxProps) {
      const idx = keys.findIndex((k) => !f.required.has(k));
      if (idx < 0) break;
      keys.splice(idx, 1);
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const schemas = facetSchemas(f, k);
    if (schemas === null) continue;
    out[k] = generate(g, schemas, depth + 1);
  }
  return out;
}

function genArray(g: Gen, f: Flat, depth: number): unknown[] {
  let maxLen = f.maxItems ?? Infinity;
  for (const t of f.tuples) if (t.rest && isFalseRef(t.rest)) maxLen = Math.min(maxLen, t.prefix.length);
  const lo = f.minItems;
  if (lo > maxLen) fail();
  const prefix = Math.max(0, ...f.tuples.map((t) => t.prefix.length));
  const deep = depth > 5;
  const hi = Math.min(maxLen, Math.max(lo, prefix) + (deep ? 0 : 3));
  const len = g.minimal || deep ? lo : int(g, lo, hi);
  const out: unknown[] = [];
  const itemSchemas = (i: number): SRef[] => {
    const s: SRef[] = [];
    for (const t of f.tuples) {
      const r = i < t.prefix.length ? t.prefix[i] : t.rest;
      if (r) s.push(r);
    }
    return s;
  };
  const containsAt = new Map<number, SRef[]>();
  for (const c of f.contains) {
    const need = Math.max(c.min, 0);
    for (let k = 0; k < need; k++) {
      const at = Math.min(len - 1, k);
      if (at < 0) break;
      containsAt.set(at, [...(containsAt.get(at) ?? []), c.schema]);
    }
  }
  for (let i = 0; i < len; i++) {
    let item: unknown;
    let tries = 0;
    do {
      item = generate(g, [...itemSchemas(i), ...(containsAt.get(i) ?? [])], depth + 1);
      tries++;
    } while (f.unique && tries < 6 && out.some((o) => deepEqual(o, item)));
    out.push(item);
  }
  return out;
}

function genOfKind(g: Gen, f: Flat, t: number, depth: number): unknown {
  if (f.enums.length) {
    const vals = f.enums[0].filter((v) => kindOfValue(v) === t && f.enums.every((l) => l === f.enums[0] || enumHas(l, v)));
    if (!vals.length) fail();
    return pick(g, vals);
  }
  switch (t) {
    case K_NULL:
      return null;
    case K_BOOL:
      return g.rnd() < 0.5;
    case K_NUM:
      return genNumber(g, f);
    case K_STR:
      return genString(g, f);
    case K_ARR:
      return genArray(g, f, depth);
    default:
      return genObject(g, f, depth);
  }
}

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

function generate(g: Gen, conj: readonly SRef[], depth: number): unknown {
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

function stableKey(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(stableKey).join(',') + ']';
  if (isObject(v)) return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + stableKey(v[k])).join(',') + '}';
  return JSON.stringify(v) ?? 'undefined';
}

/** Generates up to `count` distinct instances of a schema, each verified with ajv. */
export function sampleInstances(schema: JsonSchema, options: SampleOptions = {}): unknown[] {
  return sampleInstancesInternal(schema, options);
}

export function sampleInstancesInternal(schema: JsonSchema, options: SampleOptionsInternal = {}): unknown[] {
  const references = options.references ?? NO_REFS;
  const count = Math.max(0, Math.min(options.count ?? 20, 10_000));
  if (count === 0) return [];
  const validate = compileValidator(schema, references);
  if (!validate) return [];
  const doc = getDoc(schema, references);
  const root = rootRef(doc);
  const rnd = mulberry32(options.seed ?? 1);
  const hints = options.hintKeys ?? [];
  const attempts = options.attempts ?? count * 6 + 20;
  const seen = new Set<string>();
  const out: unknown[] = [];
  const deadline = Date.now() + 2_000;
  for (let k = 0; k < attempts && out.length < count; k++) {
    if ((k & 15) === 15 && Date.now() > deadline) break;
    const g: Gen = { rnd, hints, budget: 2_000, minimal: k === 0 };
    let value: unknown;
    try {
      value = generate(g, [root], 0);
    } catch (e) {
      if (e instanceof NoInstance || e instanceof RangeError) continue;
      throw e;
    }
    const key = stableKey(value);
    if (seen.has(key)) continue;
    seen.add(key);
    let valid = false;
    try {
      valid = validate(value) === true;
    } catch {
      valid = false;
    }
    if (valid) out.push(value);
  }
  return out;
}

export { child };
