/**
 * Schema pair families for the oracle: every class of issue 12 (nullable, multipleOf arithmetic,
 * dynamic references per draft, contains/unevaluatedItems, dynamic scope across references,
 * draft-keyed caches, `$ref` resolution, LENIENT conditionals), plus unevaluated*, conditionals,
 * combinators and drafts mixed through references. A pair is (writer, reader); the reader is a
 * random edit of the writer, so both compatible and breaking pairs come up.
 */
import type { Rng } from './random.js';

export interface Pair {
  family: string;
  writer: Record<string, unknown> | boolean;
  reader: Record<string, unknown> | boolean;
  writerRefs?: Record<string, unknown>;
  readerRefs?: Record<string, unknown>;
  policy: 'STRICT' | 'LENIENT';
}

type S = Record<string, unknown>;
const D07 = 'http://json-schema.org/draft-07/schema#';
const D2019 = 'https://json-schema.org/draft/2019-09/schema';
const D2020 = 'https://json-schema.org/draft/2020-12/schema';
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const maybe = (rng: Rng, p: number, v: S): S => (rng.chance(p) ? v : {});

function numberSchema(rng: Rng): S {
  return {
    type: rng.pick(['number', 'integer', ['number', 'null'], ['integer', 'string']]),
    ...maybe(rng, 0.3, { nullable: true }),
    ...maybe(rng, 0.5, { multipleOf: rng.pick([1, 2, 3, 4, 8, 10, 0.5, 0.1, 1e300, 2.5]) }),
    ...maybe(rng, 0.4, { minimum: rng.pick([0, 1, -1e21, 2 ** 53, 1e-300, 0.5]) }),
    ...maybe(rng, 0.4, { maximum: rng.pick([10, 1e6, 1e21, 2 ** 53 + 2, 1e308]) }),
    ...maybe(rng, 0.2, { exclusiveMinimum: rng.pick([0, -5, 2 ** 53]) }),
  };
}

function stringSchema(rng: Rng): S {
  return {
    type: rng.pick(['string', ['string', 'null']]),
    ...maybe(rng, 0.3, { nullable: true }),
    ...maybe(rng, 0.4, { minLength: rng.int(0, 3) }),
    ...maybe(rng, 0.4, { maxLength: rng.int(1, 12) }),
    ...maybe(rng, 0.3, { format: rng.pick(['email', 'password', 'binary', 'date', 'uuid']) }),
    ...maybe(rng, 0.3, { pattern: rng.pick(['^a+$', '^a*$', '[0-9]', '\\d', '^x$', '^[a-z]{1,3}$']) }),
    ...maybe(rng, 0.15, { enum: ['a', 'x', 'aa', '1'] }),
  };
}

function leaf(rng: Rng): S | boolean {
  const r = rng.next();
  if (r < 0.35) return numberSchema(rng);
  if (r < 0.7) return stringSchema(rng);
  if (r < 0.8) return { type: rng.pick(['boolean', 'null', 'object', 'array']) };
  if (r < 0.9) return { enum: rng.pick([[1, 'a'], [null, 2], ['x']]) };
  return rng.chance(0.5) ? true : { const: rng.pick([1, 'x', null]) };
}

/** A random edit that keeps the shape recognisable (so many pairs are compatible). */
function edit(rng: Rng, s: S | boolean, depth = 0): S | boolean {
  if (typeof s === 'boolean') return rng.chance(0.5) ? leaf(rng) : !s;
  const out = clone(s);
  const keys = Object.keys(out);
  const subs = keys.filter((k) => typeof out[k] === 'object' && out[k] !== null && !['enum', 'const', 'required', 'type'].includes(k));
  const r = rng.next();
  if (subs.length && depth < 4 && r < 0.45) {
    const k = rng.pick(subs);
    const v = out[k];
    if (Array.isArray(v)) {
      if (v.length && rng.chance(0.7)) {
        const i = rng.int(0, v.length - 1);
        v[i] = edit(rng, v[i] as S, depth + 1);
      } else if (k === 'anyOf' || k === 'oneOf') rng.chance(0.5) ? v.reverse() : v.push(v[0]);
      else if (k === 'required') v.pop();
    } else {
      const inner = Object.keys(v as S);
      const isMap = ['properties', '$defs', 'definitions', 'dependentSchemas', 'dependencies', 'patternProperties'].includes(k);
      if (isMap && inner.length) {
        const name = rng.pick(inner);
        (v as S)[name] = edit(rng, (v as S)[name] as S, depth + 1);
      } else out[k] = edit(rng, v as S, depth + 1);
    }
    return out;
  }
  const tweaks: Array<() => void> = [
    () => delete out[rng.pick(keys.length ? keys : ['x'])],
    () => (out.nullable = rng.chance(0.5)),
    () => (out.multipleOf = rng.pick([1, 2, 4, 0.5, 1e300])),
    () => (out.minimum = rng.pick([0, 1, 2 ** 53])),
    () => (out.maximum = rng.pick([10, 1e21, 2 ** 53 + 2])),
    () => (out.type = rng.pick(['number', 'integer', 'string', ['string', 'null'], 'object', 'array'])),
    () => (out.maxLength = rng.int(0, 12)),
    () => (out.pattern = rng.pick(['^a*$', '^a+$', '\\d', '[0-9]'])),
    () => (out.required = [...((out.required as string[]) ?? []), rng.pick(['a', 'b', 'c'])]),
    () => (out.additionalProperties = rng.pick([false, true, { type: 'string' }])),
    () => (out.format = rng.pick(['password', 'binary', 'email'])),
    () => (out.enum = [1, 'a', null]),
    () => (out.unevaluatedProperties = false),
    () => (out.unevaluatedItems = false),
  ];
  rng.pick(tweaks)();
  return out;
}

function objectSchema(rng: Rng, draft: string): S {
  const props: S = {};
  for (const name of ['a', 'b', 'c']) if (rng.chance(0.7)) props[name] = leaf(rng);
  const s: S = { type: 'object', properties: props };
  if (draft !== D2020) s.$schema = draft;
  if (rng.chance(0.4)) s.required = ['a', 'b', 'c'].filter(() => rng.chance(0.4));
  if (rng.chance(0.3)) s.additionalProperties = rng.pick([false, { type: 'string' }]);
  if (rng.chance(0.35)) {
    s.if = { required: ['a'] };
    s.then = { properties: { d: leaf(rng) } };
    if (rng.chance(0.5)) s.else = { properties: { e: leaf(rng) } };
  }
  if (rng.chance(0.3)) {
    if (draft === D07) s.dependencies = { a: rng.chance(0.5) ? ['b'] : { properties: { f: leaf(rng) } } };
    else s.dependentSchemas = { a: { properties: { f: leaf(rng) } } };
  }
  return s;
}

const families: Record<string, (rng: Rng) => Omit<Pair, 'family'>> = {
  numbers: (rng) => {
    const w = numberSchema(rng);
    return { writer: w, reader: rng.chance(0.5) ? numberSchema(rng) : edit(rng, w), policy: 'STRICT' };
  },
  strings: (rng) => {
    const w = stringSchema(rng);
    return { writer: w, reader: rng.chance(0.4) ? stringSchema(rng) : edit(rng, w), policy: 'STRICT' };
  },
  nullableAnyOf: (rng) => {
    const w = { anyOf: [{ ...numberSchema(rng), nullable: rng.chance(0.6) }, stringSchema(rng)] };
    return { writer: w, reader: edit(rng, w), policy: 'STRICT' };
  },
  objects: (rng) => {
    const draft = rng.pick([D07, D2019, D2020]);
    const w = objectSchema(rng, draft);
    return { writer: w, reader: rng.chance(0.3) ? objectSchema(rng, draft) : edit(rng, w), policy: rng.chance(0.5) ? 'LENIENT' : 'STRICT' };
  },
  arrays: (rng) => {
    const draft = rng.pick([D2019, D2020]);
    const w: S = { $schema: draft, type: 'array', contains: leaf(rng), ...maybe(rng, 0.5, { unevaluatedItems: rng.pick([false, { type: 'string' }]) }), ...maybe(rng, 0.3, { minContains: rng.int(0, 2) }) };
    if (rng.chance(0.4)) w[draft === D2020 ? 'prefixItems' : 'items'] = [leaf(rng)];
    if (rng.chance(0.3)) w.maxItems = rng.int(1, 4);
    return { writer: w, reader: edit(rng, w), policy: 'STRICT' };
  },
  unevaluatedProperties: (rng) => {
    const w: S = {
      $schema: rng.pick([D2019, D2020]),
      type: 'object',
      allOf: [{ properties: { a: leaf(rng) } }],
      ...maybe(rng, 0.5, { anyOf: [{ properties: { b: leaf(rng) } }, { properties: { c: leaf(rng) } }] }),
      unevaluatedProperties: rng.pick([false, { type: 'number' }]),
    };
    return { writer: w, reader: edit(rng, w), policy: rng.chance(0.3) ? 'LENIENT' : 'STRICT' };
  },
  combinators: (rng) => {
    const alts = [leaf(rng), leaf(rng), leaf(rng)];
    const kw = rng.pick(['anyOf', 'oneOf']);
    const w = { [kw]: alts };
    const r = rng.chance(0.5) ? { [kw]: rng.shuffle([...alts, ...(rng.chance(0.5) ? [alts[0]] : [])]) } : edit(rng, w);
    return { writer: w, reader: r, policy: 'STRICT' };
  },
  conditionals: (rng) => {
    const w: S = { type: 'object', properties: { kind: { enum: ['a', 'b'] }, v: leaf(rng) }, required: ['kind'], if: { properties: { kind: { const: 'a' } } }, then: { properties: { v: leaf(rng) } }, ...maybe(rng, 0.6, { else: { properties: { v: leaf(rng) } } }) };
    return { writer: w, reader: edit(rng, w), policy: rng.chance(0.3) ? 'LENIENT' : 'STRICT' };
  },
  refsAcrossDrafts: (rng) => {
    const rootDraft = rng.pick([D07, D2019, D2020]);
    const refBody = rng.pick<S>([
      { prefixItems: [{ type: 'string' }] },
      { $schema: D07, items: [{ type: 'string' }], additionalItems: false },
      { dependentRequired: { a: ['b'] }, type: 'object' },
      { type: 'object', properties: { a: { type: 'string' } }, unevaluatedProperties: false },
      { $ref: 'b.json' },
      { $defs: { x: { $id: 'inner.json', type: 'integer' } }, $ref: 'inner.json' },
    ]);
    const refs: S = { 'dir/a.json': refBody, 'dir/b.json': { type: 'string' }, 'b.json': { type: 'number' } };
    const w: S = { $schema: rootDraft, $ref: 'dir/a.json' };
    const r = rng.chance(0.5) ? { $schema: rootDraft, ...(leaf(rng) as S) } : { $schema: rng.pick([D07, D2019, D2020]), $ref: 'dir/a.json' };
    return rng.chance(0.5) ? { writer: w, reader: r, writerRefs: refs, readerRefs: refs, policy: 'STRICT' } : { writer: r, reader: w, writerRefs: refs, readerRefs: refs, policy: 'STRICT' };
  },
  dynamic: (rng) => {
    const draft = rng.pick([D07, D2019, D2020]);
    const anchor = draft === D2019 ? { $recursiveAnchor: true } : { $dynamicAnchor: 'n' };
    const ref = draft === D2019 ? { $recursiveRef: '#' } : { $dynamicRef: '#n' };
    const tree = { ...anchor, type: 'object', properties: { v: leaf(rng), kids: { type: 'array', items: ref } } };
    if (rng.chance(0.4)) {
      const refs = { 'tree.json': tree };
      const w = { $schema: draft, $ref: 'tree.json', properties: { v: leaf(rng) } };
      const r = { $schema: draft, ...(rng.chance(0.5) ? anchor : {}), $ref: 'tree.json', properties: { v: leaf(rng) } };
      return { writer: w, reader: r, writerRefs: refs, readerRefs: refs, policy: 'STRICT' };
    }
    const w = { $schema: draft, ...tree };
    return { writer: w, reader: edit(rng, w), policy: 'STRICT' };
  },
  wideObjects: (rng) => {
    // more than 32 properties: the chunked comparison path, drafts mixed between writer and reader
    const props: S = {};
    for (let i = 0; i < 40; i++) props[`p${i}`] = rng.chance(0.1) ? { prefixItems: [{ type: 'string' }] } : { type: rng.pick(['string', 'number']) };
    const w: S = { $schema: rng.pick([D07, D2020]), type: 'object', properties: props };
    const r = clone(w);
    r.$schema = rng.pick([D07, D2020]);
    if (rng.chance(0.5)) (r.properties as S)[`p${rng.int(0, 39)}`] = leaf(rng);
    return { writer: w, reader: r, policy: 'STRICT' };
  },
};

export const familyNames = Object.keys(families);

export function pairOf(rng: Rng, family: string): Pair {
  return { family, ...families[family]!(rng) };
}
