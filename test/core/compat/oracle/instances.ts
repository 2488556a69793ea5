/**
 * The oracle's own instance generator. It reads the raw schema loosely (no engine code, no
 * core/schema/instances): it aims near every bound it sees and picks branches at random, and it
 * does not have to be right — ajv decides which candidates are events of the writer. Mutations
 * then push candidates to the edges ajv treats specially.
 */
import type { Rng } from './random.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = boolean | Record<string, unknown>;

export const EXTREMES: Json[] = [
  5e-324, -5e-324, 1e-30, 2.5e-24, 1e21, 2.4e21, -2.4e21, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 0, 0.5, -1, 1, 3, 10, 1e300,
  null, true, false, '', 'a', 'é', '𝟘𝟙𝟚', '😀', '\u0000', 'x'.repeat(40), '2020-01-01', 'a@b.co', [], {}, [null], { zz: 1 },
];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface GenContext {
  rng: Rng;
  root: Schema;
  refs: Record<string, unknown>;
  names: string[];
}

function resolve(ctx: GenContext, ref: string, from: Schema): Schema | undefined {
  const hash = ref.indexOf('#');
  const name = hash >= 0 ? ref.slice(0, hash) : ref;
  const pointer = hash >= 0 ? ref.slice(hash + 1) : '';
  let doc: unknown = name === '' ? from : ctx.refs[name] ?? Object.entries(ctx.refs).find(([k]) => k.endsWith('/' + name))?.[1];
  if (doc === undefined) return undefined;
  if (pointer.startsWith('/')) {
    for (const seg of pointer.slice(1).split('/')) {
      const key = decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObj(doc) && !Array.isArray(doc)) return undefined;
      doc = (doc as Record<string, unknown>)[key];
    }
  }
  return typeof doc === 'boolean' || isObj(doc) ? (doc as Schema) : undefined;
}

function pickType(ctx: GenContext, s: Record<string, unknown>): string {
  const t = s.type;
  const list = Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : [];
  if (s.nullable === true && ctx.rng.chance(0.3)) return 'null';
  if (list.length) return ctx.rng.pick(list);
  if ('properties' in s || 'required' in s || 'additionalProperties' in s || 'dependentSchemas' in s) return 'object';
  if ('items' in s || 'prefixItems' in s || 'contains' in s) return 'array';
  if ('minimum' in s || 'maximum' in s || 'multipleOf' in s || 'exclusiveMinimum' in s) return 'number';
  if ('minLength' in s || 'maxLength' in s || 'pattern' in s || 'format' in s) return 'string';
  return ctx.rng.pick(['null', 'boolean', 'number', 'integer', 'string', 'array', 'object']);
}

function num(ctx: GenContext, s: Record<string, unknown>, integer: boolean): number {
  const { rng } = ctx;
  const around: number[] = [];
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']) {
    const v = s[k];
    if (typeof v === 'number' && Number.isFinite(v)) around.push(v, v + 1, v - 1, v + 0.5, v - 0.5);
  }
  const m = s.multipleOf;
  if (typeof m === 'number' && m > 0) for (let i = 0; i < 3; i++) around.push(m * rng.int(-5, 5), m * rng.int(1, 1e6));
  const base = around.length && rng.chance(0.8) ? rng.pick(around) : rng.pick(EXTREMES.filter((x): x is number => typeof x === 'number'));
  return integer ? Math.round(base) : base;
}

function str(ctx: GenContext, s: Record<string, unknown>): string {
  const { rng } = ctx;
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : min + 6;
  const len = rng.int(Math.max(0, min - 1), Math.min(max + 1, min + 12));
  const alphabet = ['a', 'b', 'x', '0', '1', '9', '-', '_', '@', '.', 'é', '𝟘', '😀', ' ', 'Z'];
  let out = '';
  for (let i = 0; i < len; i++) out += rng.pick(alphabet);
  if (typeof s.const === 'string' && rng.chance(0.5)) return s.const;
  return out;
}

/** One candidate instance near the schema (not necessarily valid). */
export function generate(ctx: GenContext, schema: Schema, doc: Schema, depth = 0): Json {
  const { rng } = ctx;
  if (depth > 6 || typeof schema === 'boolean') return rng.pick(EXTREMES);
  let s: Record<string, unknown> = schema;
  if (typeof s.$ref === 'string' && rng.chance(0.9)) {
    const target = resolve(ctx, s.$ref, doc);
    const nextDoc = s.$ref.startsWith('#') ? doc : ((ctx.refs[s.$ref.split('#')[0]!] as Schema | undefined) ?? doc);
    if (target !== undefined) {
      const merged = typeof target === 'boolean' ? target : { ...target, ...withoutRef(s) };
      return generate(ctx, merged, nextDoc, depth + 1);
    }
  }
  for (const k of ['$dynamicRef', '$recursiveRef']) if (typeof s[k] === 'string' && rng.chance(0.5)) return generate(ctx, ctx.root, ctx.root, depth + 1);
  if (Array.isArray(s.enum) && s.enum.length && rng.chance(0.85)) return rng.pick(s.enum as Json[]);
  if ('const' in s && rng.chance(0.85)) return s.const as Json;
  for (const k of ['anyOf', 'oneOf']) {
    const alts = s[k];
    if (Array.isArray(alts) && alts.length) {
      const alt = rng.pick(alts) as Schema;
      const { [k]: _drop, ...rest } = s;
      s = typeof alt === 'boolean' ? rest : { ...rest, ...alt };
    }
  }
  if (Array.isArray(s.allOf)) {
    const { allOf, ...rest } = s;
    s = rest;
    for (const part of allOf as Schema[]) if (isObj(part)) s = { ...part, ...s };
  }
  if ('if' in s) {
    const branch = rng.chance(0.5) ? s.then : s.else;
    const { if: _i, then: _t, else: _e, ...rest } = s;
    s = isObj(branch) ? { ...rest, ...branch, ...(isObj(s.if) && rng.chance(0.5) ? s.if : {}) } : rest;
  }
  const type = pickType(ctx, s);
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return rng.chance(0.5);
    case 'integer':
      return num(ctx, s, true);
    case 'number':
      return num(ctx, s, rng.chance(0.3));
    case 'string':
      return str(ctx, s);
    case 'array': {
      const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : [];
      const rest = Array.isArray(s.items) ? s.additionalItems : s.items;
      const min = typeof s.minItems === 'number' ? s.minItems : 0;
      const len = rng.int(Math.max(0, min - 1), Math.max(min, prefix.length) + 2);
      const out: Json[] = [];
      for (let i = 0; i < Math.min(len, 8); i++) {
        const item = i < prefix.length ? (prefix[i] as Schema) : rest !== undefined ? (rest as Schema) : 'contains' in s && rng.chance(0.5) ? (s.contains as Schema) : true;
        out.push(generate(ctx, item, doc, depth + 1));
      }
      return out;
    }
    default: {
      const out: Record<string, Json> = {};
      const props = isObj(s.properties) ? s.properties : {};
      const required = Array.isArray(s.required) ? (s.required as string[]) : [];
      for (const [k, v] of Object.entries(props)) if (required.includes(k) || rng.chance(0.6)) out[k] = generate(ctx, v as Schema, doc, depth + 1);
      for (const k of required) if (!(k in out)) out[k] = rng.pick(EXTREMES);
      for (const dep of ['dependentSchemas', 'dependencies']) {
        const d = s[dep];
        if (isObj(d)) for (const [k, v] of Object.entries(d)) if (k in out && isObj(v) && isObj(v.properties)) for (const [pk, pv] of Object.entries(v.properties)) out[pk] = generate(ctx, pv as Schema, doc, depth + 1);
      }
      if (rng.chance(0.3) && ctx.names.length) out[rng.pick(ctx.names)] = rng.pick(EXTREMES);
      return out;
    }
  }
}

function withoutRef(s: Record<string, unknown>): Record<string, unknown> {
  const { $ref: _r, ...rest } = s;
  return rest;
}

/** A copy of `value` with one edge pushed: a leaf replaced, a key removed or one added. */
export function mutate(ctx: GenContext, value: Json, depth = 0): Json {
  const { rng } = ctx;
  if (Array.isArray(value)) {
    if (!value.length || rng.chance(0.2)) return [...value, rng.pick(EXTREMES)];
    const i = rng.int(0, value.length - 1);
    const copy = [...value];
    copy[i] = mutate(ctx, value[i]!, depth + 1);
    return copy;
  }
  if (isObj(value)) {
    const keys = Object.keys(value);
    const roll = rng.next();
    if (roll < 0.2 && keys.length) {
      const copy = { ...value };
      delete copy[rng.pick(keys)];
      return copy;
    }
    if (roll < 0.4 || !keys.length) return { ...value, [ctx.names.length && rng.chance(0.8) ? rng.pick(ctx.names) : 'zz']: rng.pick(EXTREMES) };
    const k = rng.pick(keys);
    return { ...value, [k]: mutate(ctx, value[k] as Json, depth + 1) };
  }
  return rng.pick(EXTREMES);
}

/** Property names written anywhere in the schemas (extra keys to try). */
export function namesIn(...schemas: unknown[]): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 30) return;
    if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1));
    else if (isObj(v)) {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'properties' || k === 'dependentSchemas' || k === 'dependencies' || k === 'dependentRequired') && isObj(x)) Object.keys(x).forEach((n) => out.add(n));
        if (k === 'required' && Array.isArray(x)) x.forEach((n) => typeof n === 'string' && out.add(n));
        if (k === 'dependentRequired' && isObj(x)) Object.values(x).forEach((l) => Array.isArray(l) && l.forEach((n) => typeof n === 'string' && out.add(n)));
        if (k !== 'enum' && k !== 'const') walk(x, depth + 1);
      }
    }
  };
  schemas.forEach((s) => walk(s, 0));
  return [...out];
}

/** Every object key of the value is one of `names` (what a LENIENT producer sends). */
export function keysAmong(value: unknown, names: Set<string>): boolean {
  if (Array.isArray(value)) return value.every((v) => keysAmong(v, names));
  if (!isObj(value)) return true;
  return Object.entries(value).every(([k, v]) => names.has(k) && keysAmong(v, names));
}
