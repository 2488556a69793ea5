/**
 * Random schemas and schema mutations for the soundness property test. Schemas stay small and
 * valid for ajv; mutations add, remove, tighten and loosen keywords at a random position.
 */
import fc from 'fast-check';
import { mulberry32 } from '../../../core/schema/instances/gen.js';

type S = Record<string, unknown> | boolean;

const NAMES = ['a', 'b', 'c', 'x_1', 'id'];
const PATTERNS = ['^a', '^[a-z]+$', 'b', '^x_'];
const FORMATS = ['date', 'email', 'uuid'];
const VALUES: unknown[] = ['a', 'b', '', 0, 1, 2.5, -3, true, false, null, [], {}, [1], { a: 1 }];

// The same seeded generator the instance sampler uses.
export { mulberry32 as mulberry };

export class Rng {
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  subset<T>(xs: readonly T[], p = 0.4): T[] {
    return xs.filter(() => this.next() < p);
  }
}

/** A random schema of bounded depth. */
export function randomSchema(r: Rng, depth = 0): S {
  const leafOnly = depth >= 3;
  const roll = r.int(0, leafOnly ? 6 : 13);
  switch (roll) {
    case 0: {
      const s: Record<string, unknown> = { type: 'string' };
      if (r.bool(0.4)) s.minLength = r.int(0, 3);
      if (r.bool(0.4)) s.maxLength = r.int(1, 6);
      if (r.bool(0.2)) s.pattern = r.pick(PATTERNS);
      if (r.bool(0.1)) s.format = r.pick(FORMATS);
      return s;
    }
    case 1:
    case 2: {
      const s: Record<string, unknown> = { type: r.pick(['number', 'integer']) };
      if (r.bool(0.4)) s[r.pick(['minimum', 'exclusiveMinimum'])] = r.int(-5, 3);
      if (r.bool(0.4)) s[r.pick(['maximum', 'exclusiveMaximum'])] = r.int(2, 10);
      if (r.bool(0.25)) s.multipleOf = r.pick([1, 2, 3, 5, 10, 0.5]);
      return s;
    }
    case 3:
      return { type: r.pick(['boolean', 'null']) };
    case 4:
      return r.bool() ? { enum: r.subset(VALUES, 0.3).concat([r.pick(VALUES)]).filter((v, i, a) => a.findIndex((w) => JSON.stringify(w) === JSON.stringify(v)) === i) } : { const: r.pick(VALUES) };
    case 5:
      return { type: r.subset(['string', 'number', 'integer', 'null', 'boolean', 'object', 'array'], 0.35).concat(['null']).filter((v, i, a) => a.indexOf(v) === i) };
    case 6:
      return r.pick<S>([true, {}, { type: 'string' }, { not: { type: 'null' } }]);
    case 7:
    case 8:
    case 9: {
      const s: Record<string, unknown> = { type: 'object' };
      const props: Record<string, unknown> = {};
      for (const n of r.subset(NAMES, 0.45)) props[n] = randomSchema(r, depth + 1);
      if (Object.keys(props).length || r.bool()) s.properties = props;
      const req = r.subset(Object.keys(props), 0.4);
      if (req.length) s.required = req;
      const ap = r.int(0, 5);
      if (ap === 0) s.additionalProperties = false;
      else if (ap === 1) s.additionalProperties = randomSchema(r, depth + 2);
      else if (ap === 2) s.additionalProperties = true;
      if (r.bool(0.15)) s.patternProperties = { [r.pick(PATTERNS)]: randomSchema(r, depth + 2) };
      if (r.bool(0.1)) s.minProperties = r.int(0, 2);
      if (r.bool(0.1)) s.maxProperties = r.int(1, 4);
      if (r.bool(0.08)) s.propertyNames = r.bool() ? { maxLength: 2 } : { pattern: '^[a-z]' };
      if (r.bool(0.08)) s.dependentRequired = { [r.pick(NAMES)]: [r.pick(NAMES)] };
      if (r.bool(0.06)) s.dependentSchemas = { [r.pick(NAMES)]: { required: [r.pick(NAMES)] } };
      if (r.bool(0.05)) {
        delete s.additionalProperties;
        s.unevaluatedProperties = r.bool() ? false : { type: 'string' };
      }
      return s;
    }
    case 10:
    case 11: {
      const s: Record<string, unknown> = { type: 'array' };
      if (r.bool(0.3)) s.prefixItems = [randomSchema(r, depth + 1), ...(r.bool() ? [randomSchema(r, depth + 2)] : [])];
      if (r.bool(0.6)) s.items = r.bool(0.15) ? false : randomSchema(r, depth + 1);
      if (r.bool(0.3)) s.minItems = r.int(0, 2);
      if (r.bool(0.3)) s.maxItems = r.int(1, 4);
      if (r.bool(0.15)) s.uniqueItems = true;
      if (r.bool(0.15)) {
        s.contains = randomSchema(r, depth + 2);
        if (r.bool(0.4)) s.minContains = r.int(0, 2);
        if (r.bool(0.3)) s.maxContains = r.int(1, 3);
      }
      return s;
    }
    case 12: {
      const kw = r.pick(['anyOf', 'oneOf', 'allOf']);
      const n = r.int(1, 3);
      return { [kw]: Array.from({ length: n }, () => randomSchema(r, depth + 1)) };
    }
    default: {
      if (r.bool(0.5)) return { not: randomSchema(r, depth + 1) };
      const s: Record<string, unknown> = { if: randomSchema(r, depth + 2) };
      if (r.bool(0.8)) s.then = randomSchema(r, depth + 2);
      if (r.bool(0.6)) s.else = randomSchema(r, depth + 2);
      return s;
    }
  }
}

/** Every (parent, key) position holding a subschema, and the root. */
function positions(s: S, out: Array<{ get: () => S; set: (v: S) => void }>, get: () => S, set: (v: S) => void, depth = 0): void {
  out.push({ get, set });
  const node = get();
  if (typeof node !== 'object' || depth > 6) return;
  const o = node as Record<string, unknown>;
  for (const key of ['properties', 'patternProperties', 'dependentSchemas', '$defs']) {
    const m = o[key] as Record<string, S> | undefined;
    if (m && typeof m === 'object') for (const name of Object.keys(m)) positions(m[name], out, () => m[name], (v) => (m[name] = v), depth + 1);
  }
  for (const key of ['additionalProperties', 'unevaluatedProperties', 'items', 'contains', 'not', 'if', 'then', 'else', 'propertyNames']) {
    if (key in o && (typeof o[key] === 'object' || typeof o[key] === 'boolean') && !Array.isArray(o[key])) positions(o[key] as S, out, () => o[key] as S, (v) => (o[key] = v), depth + 1);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    const arr = o[key] as S[] | undefined;
    if (Array.isArray(arr)) arr.forEach((_, i) => positions(arr[i], out, () => arr[i], (v) => (arr[i] = v), depth + 1));
  }
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Applies one random mutation (add/remove/tighten/loosen a keyword) somewhere in the schema. */
export function mutate(schema: S, r: Rng): S {
  const root = { v: clone(schema) };
  const spots: Array<{ get: () => S; set: (v: S) => void }> = [];
  positions(root.v, spots, () => root.v, (v) => (root.v = v));
  const spot = r.pick(spots);
  const node = spot.get();
  if (typeof node === 'boolean') {
    spot.set(r.bool() ? !node : randomSchema(r, 2));
    return root.v;
  }
  const o = node;
  const op = r.int(0, 17);
  const bump = (k: string, d: number) => {
    if (typeof o[k] === 'number') o[k] = (o[k] as number) + d;
    else o[k] = d > 0 ? 1 : 0;
  };
  switch (op) {
    case 0: {
      const keys = Object.keys(o);
      if (keys.length) delete o[r.pick(keys)];
      break;
    }
    case 1:
      bump(r.pick(['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minContains', 'maxContains']), r.pick([-2, -1, 1, 2]));
      break;
    case 2: {
      const props = (o.properties ??= {}) as Record<string, unknown>;
      props[r.pick(NAMES)] = randomSchema(r, 2);
      break;
    }
    case 3: {
      const props = o.properties as Record<string, unknown> | undefined;
      if (props && Object.keys(props).length) delete props[r.pick(Object.keys(props))];
      break;
    }
    case 4: {
      const req = (Array.isArray(o.required) ? o.required : []) as string[];
      const n = r.pick(NAMES);
      o.required = req.includes(n) ? req.filter((x) => x !== n) : [...req, n];
      if ((o.required as string[]).length === 0) delete o.required;
      break;
    }
    case 5:
      o.additionalProperties = r.pick<S>([false, true, { type: 'string' }, { type: 'number' }]);
      break;
    case 6:
      o.type = r.pick(['string', 'number', 'integer', 'object', 'array', 'null', 'boolean', ['string', 'null'], ['number', 'string']]);
      break;
    case 7:
      spot.set({ anyOf: [node, randomSchema(r, 2)] });
      break;
    case 8:
      spot.set({ oneOf: [node, randomSchema(r, 2)] });
      break;
    case 9:
      spot.set({ allOf: [node, randomSchema(r, 2)] });
      break;
    case 10:
      if (Array.isArray(o.enum)) o.enum = r.bool() && o.enum.length > 1 ? o.enum.slice(1) : [...o.enum, r.pick(VALUES)];
      else o.enum = [r.pick(VALUES), r.pick(VALUES)].filter((v, i, a) => a.findIndex((w) => JSON.stringify(w) === JSON.stringify(v)) === i);
      break;
    case 11:
      o.multipleOf = r.pick([1, 2, 3, 4, 5, 10, 0.5, 0.25]);
      break;
    case 12:
      o.pattern = r.pick(PATTERNS);
      break;
    case 13:
      o.items = randomSchema(r, 2);
      break;
    case 14:
      o.uniqueItems = !o.uniqueItems;
      break;
    case 15:
      spot.set({ not: node });
      break;
    case 16:
      o.patternProperties = { [r.pick(PATTERNS)]: randomSchema(r, 2) };
      break;
    default:
      spot.set(randomSchema(r, 1));
  }
  return root.v;
}

/** fast-check arbitrary of (A, B) pairs where B is A after 1–3 mutations. */
export const schemaPairArbitrary = fc.tuple(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 3 })).map(([seed, n]) => {
  const r = new Rng(mulberry32(seed));
  const a = randomSchema(r);
  let b = a;
  for (let i = 0; i < n; i++) b = mutate(b, r);
  return { seed, a, b };
});

/** Small perturbations of a valid instance: more candidates near the edges. */
export function perturb(value: unknown, r: Rng, depth = 0): unknown {
  if (depth > 4) return value;
  if (Array.isArray(value)) {
    const copy = value.map((v) => (r.bool(0.3) ? perturb(v, r, depth + 1) : v));
    const op = r.int(0, 4);
    if (op === 0) copy.push(r.pick(VALUES));
    else if (op === 1 && copy.length) copy.pop();
    else if (op === 2 && copy.length) copy.push(copy[0]);
    return copy;
  }
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const k of Object.keys(copy)) if (r.bool(0.3)) copy[k] = perturb(copy[k], r, depth + 1);
    const op = r.int(0, 3);
    if (op === 0) copy[r.pick([...NAMES, 'zz', 'x_9'])] = r.pick(VALUES);
    else if (op === 1) {
      const keys = Object.keys(copy);
      if (keys.length) delete copy[r.pick(keys)];
    }
    return copy;
  }
  if (typeof value === 'number') return r.pick([value + 1, value - 1, value + 0.5, -value, value * 2, 0]);
  if (typeof value === 'string') return r.pick([value + 'a', value.slice(1), '', 'x_' + value, value.toUpperCase()]);
  return r.pick(VALUES);
}
