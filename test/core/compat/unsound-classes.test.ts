/**
 * The classes of pairs the engine once called compatible although ajv (the judge of which events
 * the registry accepts) shows an event valid under the writer and rejected by the reader. Each case
 * is checked twice: the witness really is one (ajv, compiled as the registry compiles), and the
 * engine now refuses the pair. Compatible neighbours make sure the fix is not a blanket refusal.
 */
import { describe, expect, it } from 'vitest';
import { checkCompatibility, classifyChange, type CompatibilityLevel, type CompatibilityPolicy, type JsonSchema, type ReferencedSchemas } from '../../../core/compat/index.js';
import { createValidator } from '../../../core/schema/validator/index.js';

interface Case {
  name: string;
  writer: JsonSchema;
  reader: JsonSchema;
  writerRefs?: ReferencedSchemas;
  readerRefs?: ReferencedSchemas;
  witness: unknown;
  policy?: CompatibilityPolicy;
}

const D07 = 'http://json-schema.org/draft-07/schema#';
const D2019 = 'https://json-schema.org/draft/2019-09/schema';

/** The registry's validator factory is the judge. */
function ajvValid(schema: JsonSchema, refs: ReferencedSchemas | undefined, event: unknown): boolean {
  const built = createValidator(schema, refs ?? {});
  if (!built.ok) throw new Error(built.failure.message);
  return built.validator.fn(event) === true;
}

/** BACKWARD with the writer as the old version. */
const backward = (c: Pick<Case, 'writer' | 'reader' | 'writerRefs' | 'readerRefs' | 'policy'>, level: CompatibilityLevel = 'BACKWARD') =>
  checkCompatibility({ schema: c.reader, references: c.readerRefs }, [{ schema: c.writer, references: c.writerRefs }], level, { policy: c.policy ?? 'STRICT' }).compatible;

const unsound: Case[] = [
  { name: '1. nullable is a type, not an annotation', writer: { type: 'string', nullable: true }, reader: { type: 'string' }, witness: null },
  { name: '1. nullable through anyOf', writer: { anyOf: [{ type: 'integer', nullable: true }, { type: 'string' }] }, reader: { type: ['integer', 'string'] }, witness: null },
  { name: '2. an integer divisor does not make values integers (underflow)', writer: { type: 'number', multipleOf: 2 }, reader: { type: 'integer' }, witness: 5e-324 },
  { name: '2. multipleOf 1e300 accepts tiny numbers', writer: { type: 'number', multipleOf: 1e300, maximum: 1 }, reader: { type: 'number', maximum: 0 }, witness: 1e-30 },
  { name: '3. quotients of 1e21 or more fail ajv', writer: { multipleOf: 4 }, reader: { multipleOf: 2 }, witness: 2.4e21 },
  { name: '3. integer is not multipleOf 1 beyond 1e21', writer: { type: 'integer' }, reader: { type: 'integer', multipleOf: 1 }, witness: 1e21 },
  {
    name: '4. $dynamicRef is ignored in draft-07',
    writer: { $schema: D07, definitions: { n: { type: 'number' } }, $dynamicRef: '#/definitions/n' },
    reader: { $schema: D07, type: 'number' },
    witness: 'x',
  },
  {
    name: '4. $recursiveRef is ignored in draft-07',
    writer: { $schema: D07, properties: { a: { $recursiveRef: '#' } }, type: 'object', additionalProperties: false },
    reader: { $schema: D07, type: 'object', properties: { a: { type: 'object' } }, additionalProperties: false },
    witness: { a: 1 },
  },
  {
    name: '5. 2019-09 contains marks every item evaluated (ajv)',
    writer: { $schema: D2019, type: 'array', contains: { type: 'string' }, unevaluatedItems: false },
    reader: { $schema: D2019, type: 'array', items: { type: 'string' } },
    witness: ['a', 1],
  },
  {
    name: '6. dynamic scope reaches into a referenced document',
    writer: { $ref: 'tree.json', properties: { name: { type: 'string' } } },
    reader: { $dynamicAnchor: 'node', $ref: 'tree.json', properties: { name: { type: 'string' } } },
    writerRefs: { 'tree.json': { $dynamicAnchor: 'node', type: 'object', properties: { kids: { type: 'array', items: { $dynamicRef: '#node' } } } } },
    readerRefs: { 'tree.json': { $dynamicAnchor: 'node', type: 'object', properties: { kids: { type: 'array', items: { $dynamicRef: '#node' } } } } },
    witness: { name: 'a', kids: [{ name: 1 }] },
  },
  {
    name: "8. an embedded $id is found before a reference's own base",
    writer: { type: 'object', properties: { c: { $ref: 'https://example.com/item.json' } } },
    reader: { type: 'object', properties: { c: { type: 'number' } } },
    writerRefs: { 'lib.json': { $defs: { item: { $id: 'https://example.com/item.json', type: 'string' } } }, 'https://example.com/other.json': { type: 'number' } },
    witness: { c: 'x' },
  },
  {
    name: "8. relative names inside a reference resolve against the reference's name",
    writer: { $ref: 'dir/a.json' },
    reader: { type: 'number' },
    writerRefs: { 'dir/a.json': { $ref: 'b.json' }, 'dir/b.json': { type: 'string' }, 'b.json': { type: 'number' } },
    witness: 'x',
  },
  {
    name: "8. a reference is read in the root's draft",
    writer: { $schema: D07, $ref: 'r.json' },
    reader: { $schema: D07, items: [{ type: 'string' }] },
    writerRefs: { 'r.json': { prefixItems: [{ type: 'string' }] } },
    witness: [1],
  },
  {
    name: '10. LENIENT: names declared in then (no else) are sent',
    writer: { type: 'object', properties: { a: { type: 'string' } }, if: { required: ['a'] }, then: { properties: { b: { type: 'string' } } } },
    reader: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } } },
    witness: { a: 'x', b: 'y' },
    policy: 'LENIENT',
  },
  {
    name: '10. LENIENT: names declared in dependentSchemas are sent',
    writer: { type: 'object', properties: { a: { type: 'string' } }, dependentSchemas: { a: { properties: { b: { type: 'string' } } } } },
    reader: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } } },
    witness: { a: 'x', b: 'y' },
    policy: 'LENIENT',
  },
  {
    name: '10. LENIENT: a name declared in dependentSchemas meets the reader additionalProperties (found by the oracle)',
    writer: { type: 'object', properties: { a: { type: 'number' } }, dependentSchemas: { a: { properties: { f: { const: 1 } } } } },
    reader: { type: 'object', properties: { a: { type: 'number' } }, dependentSchemas: { a: { properties: { f: { const: 1 } } } }, additionalProperties: { type: 'string' } },
    witness: { a: 1, f: 1 },
    policy: 'LENIENT',
  },
  {
    name: '10. LENIENT: a name declared in then meets the reader unevaluatedProperties (found by the oracle)',
    writer: { $schema: D2019, type: 'object', properties: { a: { type: 'string' } }, if: { required: ['a'] }, then: { properties: { d: true } } },
    reader: { $schema: D2019, type: 'object', properties: { a: { type: 'string' } }, if: { required: ['a'] }, then: { properties: { d: true } }, unevaluatedProperties: false },
    witness: { d: 1 },
    policy: 'LENIENT',
  },
  {
    name: '10. LENIENT: the reader adds unevaluatedProperties inside a dependent schema of a writer with additionalProperties (found by the oracle, seed 1192114306)',
    writer: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' }, dependentSchemas: { a: { properties: { f: { type: 'string' } } } } },
    reader: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' }, dependentSchemas: { a: { properties: { f: { type: 'string' } }, unevaluatedProperties: false } } },
    witness: { a: 'x' },
    policy: 'LENIENT',
  },
  {
    name: '10. LENIENT: names declared in draft-07 dependencies are sent',
    writer: { $schema: D07, type: 'object', properties: { a: { type: 'string' } }, dependencies: { a: { properties: { b: { type: 'string' } } } } },
    reader: { $schema: D07, type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } } },
    witness: { a: 'x', b: 'y' },
    policy: 'LENIENT',
  },
];

describe('the unsound classes are refused', () => {
  it.each(unsound.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(ajvValid(c.writer, c.writerRefs, c.witness), 'the witness is valid under the writer').toBe(true);
    expect(ajvValid(c.reader, c.readerRefs, c.witness), 'the witness is rejected by the reader').toBe(false);
    expect(backward(c)).toBe(false);
  });
});

describe('neighbouring compatible pairs stay compatible', () => {
  it.each([
    ['nullable on both sides', { type: 'string', nullable: true }, { type: ['string', 'null'] }],
    ['adding nullable', { type: 'string' }, { type: 'string', nullable: true }],
    ['bounded integers: multipleOf 4 to 2', { type: 'integer', multipleOf: 4, minimum: 0, maximum: 1e6 }, { type: 'integer', multipleOf: 2 }],
    ['multipleOf 1 is integral', { type: 'number', multipleOf: 1 }, { type: 'integer' }],
    ['same multipleOf', { type: 'number', multipleOf: 0.1 }, { type: ['number', 'null'], multipleOf: 0.1 }],
    ['2020-12 recursive tree with its anchor on the root', { $dynamicAnchor: 'n', type: 'object', properties: { kids: { type: 'array', maxItems: 3, items: { $dynamicRef: '#n' } } } }, { $dynamicAnchor: 'n', type: 'object', properties: { kids: { type: 'array', maxItems: 5, items: { $dynamicRef: '#n' } } } }],
  ] as Array<[string, JsonSchema, JsonSchema]>)('%s', (_name, writer, reader) => {
    expect(backward({ writer, reader })).toBe(true);
  });

  it("a reference name is also known resolved against the root's $id (as the validator adds it)", () => {
    const writer = { $id: 'https://example.com/order.json', type: 'object', properties: { c: { $ref: 'customer.json' } } };
    const writerRefs = { 'customer.json': { type: 'string', maxLength: 3 } };
    expect(ajvValid(writer, writerRefs, { c: 'abcd' })).toBe(false);
    expect(backward({ writer, writerRefs, reader: { type: 'object', properties: { c: { type: 'string' } } } })).toBe(true);
    expect(backward({ writer, writerRefs, reader: { type: 'object', properties: { c: { type: 'string', maxLength: 2 } } } })).toBe(false);
  });

  it('LENIENT still reads an open writer as closed to what it declares', () => {
    const writer = { type: 'object', properties: { a: { type: 'string' } }, if: { required: ['a'] }, then: { properties: { b: { type: 'string' } } } };
    expect(backward({ writer, reader: { type: 'object', properties: { a: { type: 'string' }, c: { type: 'number' } } }, policy: 'LENIENT' })).toBe(true);
  });
});

describe('semver classification', () => {
  it('a change inside an unknown-keyword container a $ref points into is not a patch', () => {
    const older = { type: 'object', 'x-defs': { a: { type: 'string' } }, properties: { p: { $ref: '#/x-defs/a' } } };
    const newer = { type: 'object', 'x-defs': { a: { type: 'number' } }, properties: { p: { $ref: '#/x-defs/a' } } };
    expect(ajvValid(older, undefined, { p: 'x' })).toBe(true);
    expect(ajvValid(newer, undefined, { p: 'x' })).toBe(false);
    expect(classifyChange({ schema: older }, { schema: newer }, 'BACKWARD')).toBe('major');
    // an unknown keyword nothing points into is still an annotation
    expect(classifyChange({ schema: { type: 'string', 'x-note': { a: 1 } } }, { schema: { type: 'string', 'x-note': { a: 2 } } }, 'BACKWARD')).toBe('patch');
  });

  it('nullable is not an annotation', () => {
    expect(classifyChange({ schema: { type: 'string', nullable: true } }, { schema: { type: 'string' } }, 'BACKWARD')).toBe('major');
  });
});

describe('non-finite numbers in a library call', () => {
  it('a minimum parsed to Infinity is a bound ajv keeps', () => {
    const writer = JSON.parse('{"type":"number","minimum":1e400}') as JsonSchema;
    expect(backward({ writer: { type: 'number' }, reader: writer })).toBe(false);
    expect(backward({ writer, reader: { type: 'number', minimum: 5 } })).toBe(true);
  });
});

describe('draft-04 and draft-06', () => {
  const D04 = 'http://json-schema.org/draft-04/schema#';
  it('draft-04 `id` sets the base that references resolve against', () => {
    const writer = {
      $schema: D04,
      id: 'http://example.com/root.json',
      type: 'object',
      properties: { a: { $ref: 'item.json' } },
      definitions: { item: { id: 'item.json', type: 'string', maxLength: 3 } },
    };
    expect(ajvValid(writer, undefined, { a: 'abcd' })).toBe(false);
    expect(backward({ writer, reader: { $schema: D04, type: 'object', properties: { a: { type: 'string' } } } })).toBe(true);
    expect(backward({ writer, reader: { $schema: D04, type: 'object', properties: { a: { type: 'string', maxLength: 2 } } } })).toBe(false);
  });

  it('draft-04 boolean exclusive bounds compare with draft-06+ numeric ones', () => {
    const writer = { $schema: D04, type: 'number', minimum: 0, exclusiveMinimum: true };
    expect(backward({ writer, reader: { type: 'number', exclusiveMinimum: 0 } })).toBe(true);
    expect(backward({ writer, reader: { type: 'number', minimum: 0 } })).toBe(true);
    expect(backward({ writer: { $schema: D04, type: 'number', minimum: 0 }, reader: { type: 'number', exclusiveMinimum: 0 } })).toBe(false);
  });
});
