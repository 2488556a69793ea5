import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createValidator, validatorFromSource, validatorSource, type SchemaValidator } from '../../../core/schema/validator/index.js';
import type { JsonSchema, ReferencedSchemas } from '../../../core/schema/types.js';

const DRAFT_04 = 'http://json-schema.org/draft-04/schema#';
const DRAFT_06 = 'http://json-schema.org/draft-06/schema#';
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const DRAFT_2019 = 'https://json-schema.org/draft/2019-09/schema';

function built(schema: JsonSchema, references?: ReferencedSchemas): SchemaValidator {
  const result = createValidator(schema, references);
  if (!result.ok) throw new Error(`expected a validator, got ${result.failure.kind}: ${result.failure.message}`);
  return result.validator;
}
const valid = (schema: JsonSchema, value: unknown, references?: ReferencedSchemas) => built(schema, references).check(value).valid;

describe('dialects', () => {
  it('reads draft-04 natively: boolean exclusive bounds, `id`, and a non-empty enum', () => {
    const schema = { $schema: DRAFT_04, type: 'number', maximum: 3, exclusiveMaximum: true };
    expect(built(schema).dialect).toBe('draft-04');
    expect(valid(schema, 2.9)).toBe(true);
    expect(valid(schema, 3)).toBe(false);
    const withId = { $schema: DRAFT_04, id: 'urn:charter:money', definitions: { n: { type: 'integer' } }, $ref: '#/definitions/n' };
    expect(valid(withId, 1)).toBe(true);
    const empty = createValidator({ $schema: DRAFT_04, enum: [] });
    expect(empty.ok).toBe(false);
    expect(!empty.ok && empty.failure).toMatchObject({ kind: 'invalid-schema', message: expect.stringContaining('enum') });
  });

  it('reads draft-06 with its own meta-schema: numeric exclusive bounds only', () => {
    expect(valid({ $schema: DRAFT_06, exclusiveMinimum: 0 }, 0)).toBe(false);
    const boolBound = createValidator({ $schema: DRAFT_06, minimum: 0, exclusiveMinimum: true });
    expect(!boolBound.ok && boolBound.failure.kind).toBe('invalid-schema');
  });

  it('accepts `enum: []` where the draft’s meta-schema allows it (2019-09, 2020-12), and then nothing is valid', () => {
    for (const $schema of [DRAFT_04, DRAFT_06, DRAFT_07]) expect(createValidator({ $schema, enum: [] }).ok).toBe(false);
    for (const $schema of [DRAFT_2019, undefined]) {
      const schema = { ...($schema ? { $schema } : {}), properties: { a: { enum: [] } } };
      expect(valid(schema, {})).toBe(true);
      expect(valid(schema, { a: 1 })).toBe(false);
      expect(valid(schema, { a: null })).toBe(false);
    }
  });

  it('reads a reference in its root’s dialect and returns a failure — never throws — for one that does not resolve', () => {
    const root = { type: 'object', properties: { amount: { $ref: 'money.json' } } };
    const references = { 'money.json': { $schema: DRAFT_07, type: 'number', minimum: 0 } };
    expect(valid(root, { amount: 1 }, references)).toBe(true);
    expect(valid(root, { amount: -1 }, references)).toBe(false);
    // Array-form items are draft-07 syntax: under a 2020-12 root the reference is refused, as data.
    const tuple = createValidator(root, { 'money.json': { $schema: DRAFT_07, items: [{ type: 'string' }] } });
    expect(tuple.ok).toBe(false);
    const missing = createValidator({ $ref: 'nowhere.json' });
    expect(!missing.ok && missing.failure.kind).toBe('invalid-schema');
    expect(!missing.ok && missing.failure.message).toContain('nowhere.json');
  });

  it('resolves a reference by its name relative to the root’s $id', () => {
    const root = { $id: 'https://example.com/schemas/order.json', properties: { amount: { $ref: 'money.json' } } };
    expect(valid(root, { amount: 'x' }, { 'money.json': { type: 'number' } })).toBe(false);
    expect(valid(root, { amount: 2 }, { 'money.json': { type: 'number' } })).toBe(true);
  });

  it('reports every error (allErrors), including `[]` under prefixItems/contains/minContains', () => {
    const schema = { prefixItems: [{ type: 'string' }], items: { type: 'number' }, contains: { type: 'number' }, minContains: 1, maxContains: 2 };
    expect(valid(schema, [])).toBe(false);
    expect(built({ required: ['a', 'b'] }).check({}).errors).toHaveLength(2);
  });
});

describe('bounded work', () => {
  it('runs patterns on RE2 in process and in generated source: ^(a+)+$ on a hostile input', () => {
    const schema = { type: 'string', pattern: '^(a+)+$' };
    const hostile = 'a'.repeat(28) + '!';
    const started = performance.now();
    expect(valid(schema, hostile)).toBe(false);
    const source = validatorSource(schema);
    expect(source.ok && source.source).toContain('require("charter/runtime").re2RegExp');
    const generated = validatorFromSource((source as { source: string }).source);
    expect(generated(hostile)).toBe(false);
    expect(generated('aaa')).toBe(true);
    // V8's backtracking engine needs seconds for this input; RE2 is linear.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses a pattern RE2 cannot run, as a failure naming the pattern', () => {
    const result = createValidator({ type: 'string', pattern: '(?<=a)b' });
    expect(!result.ok && result.failure).toMatchObject({ kind: 'unsupported-pattern', message: expect.stringContaining('(?<=a)b') });
  });

  it('judges uniqueItems as ajv does (deep equality, any key order), in process and generated', () => {
    const plain = new Ajv2020({ strict: false, allErrors: true }).compile({ uniqueItems: true });
    const ours = built({ uniqueItems: true });
    const generated = validatorFromSource((validatorSource({ uniqueItems: true }) as { source: string }).source);
    const item = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(0, -0, 1, 1.0, '1', [], {}, [1], { a: [1, { b: 2 }] }));
    const shuffledKeys = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(shuffledKeys) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, shuffledKeys(v)])) : value;
    let cases = 0;
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), fc.boolean(), (items, reorder) => {
        const data = reorder && items.length > 0 ? [...items, shuffledKeys(items[0])] : items;
        const expected = plain(data);
        expect(ours.check(data).valid).toBe(expected);
        expect(generated(data)).toBe(expected);
        cases++;
      }),
      { numRuns: 400, seed: Date.now() ^ (Math.random() * 2 ** 31) },
    );
    expect(cases).toBe(400);
  });

  it('checks uniqueItems over 40,000 objects in linear time', () => {
    const items = Array.from({ length: 40_000 }, (_, i) => ({ id: i, tags: [`t${i % 7}`], nested: { n: i } }));
    const v = built({ type: 'array', uniqueItems: true });
    expect(v.check(items).valid).toBe(true);
    const outcome = v.check([...items, { nested: { n: 5 }, tags: ['t5'], id: 5 }]);
    expect(outcome.valid).toBe(false);
    expect(outcome.errors[0]).toMatchObject({ keyword: 'uniqueItems', params: { i: 40_000, j: 5 } });
  });

  /** The 2.6 KB schema of the report: each level is anyOf[$ref next, allOf[$ref next, {minimum: i}]]. */
  function doublingChain(levels: number): JsonSchema {
    const $defs: Record<string, unknown> = {};
    for (let i = 0; i < levels; i++) $defs[`d${i}`] = { anyOf: [{ $ref: `#/$defs/d${i + 1}` }, { allOf: [{ $ref: `#/$defs/d${i + 1}` }, { minimum: i }] }] };
    $defs[`d${levels}`] = { type: 'string' };
    return { $ref: '#/$defs/d0', $defs };
  }

  it('refuses a $ref graph whose validation cost doubles per level, at 16, 20, 24 and 28 levels', () => {
    for (const levels of [16, 20, 24, 28]) {
      const result = createValidator(doublingChain(levels));
      expect(result.ok, `${levels} levels`).toBe(false);
      expect(!result.ok && result.failure.kind).toBe('too-expensive');
      expect(validatorSource(doublingChain(levels)).ok).toBe(false);
    }
  });

  it('accepts the same shape while its cost is bounded, and validates it', () => {
    const v = built(doublingChain(8));
    expect(v.check('text').valid).toBe(true);
    expect(v.check(10).valid).toBe(false);
  });

  it('refuses growth through recursion that revisits one event location, but not a recursive tree', () => {
    const doubling = { $defs: { n: { anyOf: [{ properties: { a: { $ref: '#/$defs/n' } } }, { properties: { a: { $ref: '#/$defs/n' } } }] } }, $ref: '#/$defs/n' };
    expect(createValidator(doubling).ok).toBe(false);
    const tree = { $defs: { n: { properties: { left: { $ref: '#/$defs/n' }, right: { $ref: '#/$defs/n' }, value: { type: 'integer' } } } }, $ref: '#/$defs/n' };
    expect(valid(tree, { left: { value: 1 }, right: { left: { value: 'x' } } })).toBe(false);
    expect(valid(tree, { left: { value: 1 }, right: { left: { value: 2 } } })).toBe(true);
  });

  it('refuses a $ref loop through an anchor that never reads the event', () => {
    const result = createValidator({ $ref: '#A', $defs: { a: { $anchor: 'A', $ref: '#A' } } });
    expect(!result.ok && result.failure.kind).toBe('too-expensive');
  });
});
