/**
 * Three-valued validation of one concrete JSON value against a schema conjunction, reusing the
 * engine's normal form: `true` (valid), `false` (invalid) or `undefined` (not decided here — for
 * example `unevaluated*` keywords, an invalid regular expression or an unresolved reference).
 * The engine only trusts definite answers. Semantics follow ajv (code-point lengths, `multipleOf`
 * by division, ajv-formats' full formats).
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import {
  child,
  compilePattern,
  flatten,
  kindOfValue,
  K_ARR,
  K_NUM,
  K_OBJ,
  K_STR,
  type Facet,
  type Flat,
  type SRef,
} from './normalize/index.js';

import { spend } from './limits.js';

type Tri = boolean | undefined;

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** A canonical string for JSON equality (object key order ignored). */
export function stableKey(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(stableKey).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + stableKey(o[k])).join(',') + '}';
  }
  return JSON.stringify(v) ?? 'null';
}

const enumSets = new WeakMap<readonly unknown[], Set<string>>();
/** Whether an enum list holds a value (hash lookup for long lists). */
export function enumHas(list: readonly unknown[], v: unknown): boolean {
  if (list.length < 16) return list.some((e) => deepEqual(e, v));
  let set = enumSets.get(list);
  if (!set) enumSets.set(list, (set = new Set(list.map(stableKey))));
  return set.has(stableKey(v));
}

/** Length in Unicode code points, as ajv counts it. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

type FormatDef = true | RegExp | ((s: string) => boolean) | { type?: string; validate: RegExp | ((s: unknown) => boolean); async?: boolean };

/** The ajv-formats definition of a format, or undefined when ajv ignores the format. */
export function formatDefinition(name: string): { type: 'string' | 'number'; test: (v: unknown) => boolean } | undefined {
  const def = (fullFormats as Record<string, FormatDef | undefined>)[name];
  // `true` (ajv-formats' password, binary): a known format that accepts every value.
  if (def === undefined || typeof def !== 'object' && typeof def !== 'function') return undefined;
  if (def instanceof RegExp) return { type: 'string', test: (v) => def.test(v as string) };
  if (typeof def === 'function') return { type: 'string', test: (v) => def(v as string) };
  if (def.async) return undefined;
  const type = def.type === 'number' ? 'number' : 'string';
  const validate = def.validate;
  if (validate instanceof RegExp) return { type, test: (v) => validate.test(v as string) };
  if (typeof validate !== 'function') return undefined;
  return { type, test: (v) => (validate as (x: unknown) => boolean)(v) };
}

/** ajv's multipleOf: `x / m` must be an integer as `parseInt` reads it. */
export function ajvMultipleOf(x: number, m: number): boolean {
  if (m === 0) return false;
  const res = x / m;
  return res === parseInt(String(res), 10);
}

const and = (a: Tri, b: Tri): Tri => (a === false || b === false ? false : a === undefined || b === undefined ? undefined : true);

export function validateValue(value: unknown, conj: readonly SRef[], depth = 0): Tri {
  if (depth > 64) return undefined;
  spend();
  const f = flatten(conj, 'B');
  if (f.issues.length) return undefined;
  if (f.empty) return false;
  return checkFlat(value, f, depth);
}

function facetValue(facet: Facet, key: string): SRef[] | undefined {
  const p = facet.props.get(key);
  const matched: SRef[] = p ? [p] : [];
  for (const pe of facet.patterns) {
    if (!pe.re) return undefined;
    if (pe.re.test(key)) matched.push(pe.schema);
  }
  if (matched.length) return matched;
  return facet.rest ? [facet.rest] : [];
}

function checkFlat(v: unknown, f: Flat, depth: number): Tri {
  const kind = kindOfValue(v);
  if (!(f.kinds & kind)) return false;
  let result: Tri = true;
  for (const list of f.enums) if (!enumHas(list, v)) return false;
  if (f.opaque.length) result = undefined;
  if (kind === K_NUM) {
    const x = v as number;
    if (f.integer && !Number.isInteger(x)) return false;
    if (f.lo !== undefined && (x < f.lo || (f.loEx && x === f.lo))) return false;
    if (f.hi !== undefined && (x > f.hi || (f.hiEx && x === f.hi))) return false;
    for (const m of f.multipleOf) if (!ajvMultipleOf(x, m)) return false;
    for (const fmt of f.formats) {
      const def = formatDefinition(fmt);
      if (def && def.type === 'number' && !def.test(x)) return false;
    }
  } else if (kind === K_STR) {
    const s = v as string;
    const len = codePointLength(s);
    if (len < f.minLen || (f.maxLen !== undefined && len > f.maxLen)) return false;
    for (const p of f.patterns) {
      const re = compilePattern(p);
      if (!re) result = undefined;
      else if (!re.test(s)) return false;
    }
    for (const fmt of f.formats) {
      const def = formatDefinition(fmt);
      if (def && def.type === 'string' && !def.test(s)) return false;
    }
  } else if (kind === K_OBJ) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    for (const r of f.required) if (!Object.prototype.hasOwnProperty.call(o, r)) return false;
    if (keys.length < f.minProps || (f.maxProps !== undefined && keys.length > f.maxProps)) return false;
    for (const facet of f.facets) {
      if (facet.unevaluated) {
        result = undefined;
        continue;
      }
      for (const k of keys) {
        const sch = facetValue(facet, k);
        if (sch === undefined) {
          result = undefined;
          continue;
        }
        if (sch.length === 0) continue;
        result = and(result, validateValue(o[k], sch, depth + 1));
        if (result === false) return false;
      }
    }
    for (const pn of f.propertyNames) {
      for (const k of keys) {
        result = and(result, validateValue(k, [pn], depth + 1));
        if (result === false) return false;
      }
    }
    for (const [k, deps] of f.depReq) {
      if (Object.prototype.hasOwnProperty.call(o, k)) for (const d of deps) if (!Object.prototype.hasOwnProperty.call(o, d)) return false;
    }
    for (const [k, sch] of f.depSch) {
      if (Object.prototype.hasOwnProperty.call(o, k)) {
        result = and(result, validateValue(v, [sch], depth + 1));
        if (result === false) return false;
      }
    }
  } else if (kind === K_ARR) {
    const a = v as unknown[];
    if (a.length < f.minItems || (f.maxItems !== undefined && a.length > f.maxItems)) return false;
    for (const t of f.tuples) {
      if (t.unevaluated) {
        result = undefined;
        continue;
      }
      for (let i = 0; i < a.length; i++) {
        const sch = i < t.prefix.length ? t.prefix[i] : t.rest;
        if (!sch) continue;
        result = and(result, validateValue(a[i], [sch], depth + 1));
        if (result === false) return false;
      }
    }
    if (f.unique) {
      for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) if (deepEqual(a[i], a[j])) return false;
    }
    for (const c of f.contains) {
      let count = 0;
      let unknown = false;
      for (const item of a) {
        const r = validateValue(item, [c.schema], depth + 1);
        if (r === true) count++;
        else if (r === undefined) unknown = true;
      }
      if (!unknown) {
        if (count < c.min || (c.max !== undefined && count > c.max)) return false;
      } else result = undefined;
    }
  }
  for (const g of f.groups) {
    let matches = 0;
    let unknown = 0;
    for (const alt of g.alts) {
      const r = validateValue(v, [alt], depth + 1);
      if (r === true) matches++;
      else if (r === undefined) unknown++;
    }
    if (g.one) {
      if (matches > 1) return false;
      if (matches === 0 && unknown === 0) return false;
      if (unknown > 0) result = undefined;
    } else {
      if (matches === 0 && unknown === 0) return false;
      if (matches === 0) result = undefined;
    }
  }
  for (const n of f.nots) {
    const r = validateValue(v, [n], depth + 1);
    if (r === true) return false;
    if (r === undefined) result = undefined;
  }
  for (const c of f.conds) {
    const r = validateValue(v, [c.if], depth + 1);
    if (r === undefined) {
      result = undefined;
      continue;
    }
    const branch = r ? c.then : c.else;
    if (branch) {
      result = and(result, validateValue(v, [branch], depth + 1));
      if (result === false) return false;
    }
  }
  return result;
}

export { child };
