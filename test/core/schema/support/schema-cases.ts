import fc from 'fast-check';

/**
 * Random (schema, references, instances) cases for the validator differential: every dialect, its
 * own syntax (draft-04 boolean bounds, array-form `items` before 2020-12, `prefixItems` and
 * `unevaluated*` after), references written in another dialect, formats, RE2-safe patterns,
 * `nullable` (an unknown keyword, ignored), and `prefixItems`/`contains`/`minContains` edge cases.
 */
export type Dialect = 'draft-04' | 'draft-06' | 'draft-07' | '2019-09' | '2020-12';
export const dialectUris: Record<Dialect, string> = {
  'draft-04': 'http://json-schema.org/draft-04/schema#',
  'draft-06': 'http://json-schema.org/draft-06/schema#',
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};
const dialects = Object.keys(dialectUris) as Dialect[];
const modern = (d: Dialect) => d === '2019-09' || d === '2020-12';

export interface SchemaCase {
  dialect: Dialect;
  schema: Record<string, unknown>;
  /** By reference name (the `$ref` value), each in its own dialect. */
  references: Record<string, Record<string, unknown>>;
}

type S = Record<string, unknown> | boolean;

const names = fc.constantFrom('a', 'b', 'c', 'id');
const patterns = fc.constantFrom('^[a-z]+$', '^[A-Z]{3}$', '\\d', '^(a+)+$', '^\\p{Lu}', '^.{2,4}$', 'é', '^[^\\s]*$');
const formats = fc.constantFrom('date', 'date-time', 'email', 'uuid', 'ipv4', 'uri', 'time', 'hostname');
const smallInt = fc.integer({ min: -3, max: 6 });
const scalar = fc.oneof(fc.constantFrom(null, true, false, 0, 1, -1, 2.5, '', 'a', 'ABC', 'x1'), fc.string({ maxLength: 3 }));

function numberKeywords(d: Dialect): fc.Arbitrary<Record<string, unknown>> {
  const bounds = d === 'draft-04'
    ? fc.record({ minimum: smallInt, exclusiveMinimum: fc.boolean() }, { requiredKeys: ['minimum'] })
    : fc.record({ exclusiveMinimum: smallInt, maximum: smallInt }, { requiredKeys: [] });
  return fc.record(
    { type: fc.constantFrom('number', 'integer'), multipleOf: fc.constantFrom(0.5, 2, 3), maximum: smallInt, b: bounds },
    { requiredKeys: [] },
  ).map(({ b, ...rest }) => ({ ...rest, ...(b ?? {}) }));
}

function stringKeywords(): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({ type: fc.constant('string'), minLength: fc.nat(3), maxLength: fc.integer({ min: 1, max: 6 }), pattern: patterns, format: formats }, { requiredKeys: [] });
}

function arrayKeywords(d: Dialect, sub: fc.Arbitrary<S>): fc.Arbitrary<Record<string, unknown>> {
  const tuple = fc.array(sub, { minLength: 1, maxLength: 2 });
  const shape = d === '2020-12'
    ? fc.record({ prefixItems: tuple, items: sub }, { requiredKeys: [] })
    : fc.oneof(fc.record({ items: tuple, additionalItems: sub }, { requiredKeys: ['items'] }), fc.record({ items: sub }));
  const contains = modern(d)
    ? fc.record({ contains: sub, minContains: fc.nat(2), maxContains: fc.integer({ min: 1, max: 3 }) }, { requiredKeys: ['contains'] })
    : d === 'draft-04' ? fc.constant({}) : fc.record({ contains: sub });
  return fc
    .record({ type: fc.constant('array'), shape, contains, minItems: fc.nat(2), maxItems: fc.integer({ min: 1, max: 4 }), uniqueItems: fc.boolean(), unevaluatedItems: modern(d) ? sub : fc.constant(undefined) }, { requiredKeys: ['shape'] })
    .map(({ shape: s, contains: c, ...rest }) => dropUndefined({ ...rest, ...s, ...(c ?? {}) }));
}

function objectKeywords(d: Dialect, sub: fc.Arbitrary<S>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(
      {
        type: fc.constant('object'),
        properties: fc.dictionary(names, sub, { maxKeys: 3 }),
        required: fc.uniqueArray(names, { minLength: 1, maxLength: 2 }),
        additionalProperties: fc.oneof(fc.boolean(), sub),
        patternProperties: fc.dictionary(fc.constantFrom('^x', '\\d$'), sub, { maxKeys: 1 }),
        propertyNames: d === 'draft-04' ? fc.constant(undefined) : fc.constantFrom({ maxLength: 2 }, { pattern: '^[a-c]' }),
        minProperties: fc.nat(2),
        unevaluatedProperties: modern(d) ? fc.oneof(fc.boolean(), sub) : fc.constant(undefined),
        dependentRequired: modern(d) ? fc.dictionary(names, fc.uniqueArray(names, { maxLength: 2 }), { maxKeys: 1 }) : fc.constant(undefined),
        dependencies: modern(d) ? fc.constant(undefined) : fc.dictionary(names, fc.oneof(fc.uniqueArray(names, { minLength: 1, maxLength: 2 }), sub), { maxKeys: 1 }),
      },
      { requiredKeys: [] },
    )
    .map(dropUndefined);
}

function schemaOf(d: Dialect, depth: number, refNames: readonly string[], defs: readonly string[]): fc.Arbitrary<S> {
  const sub: fc.Arbitrary<S> = depth <= 0 ? leaf(d, refNames, defs) : fc.constant(null).chain(() => schemaOf(d, depth - 1, refNames, defs));
  const combinator = fc.oneof(
    fc.record({ anyOf: fc.array(sub, { minLength: 1, maxLength: 3 }) }),
    fc.record({ oneOf: fc.array(sub, { minLength: 1, maxLength: 3 }) }),
    fc.record({ allOf: fc.array(sub, { minLength: 1, maxLength: 2 }) }),
    fc.record({ not: sub }),
    fc.record({ if: sub, then: sub, else: sub }, { requiredKeys: ['if'] }),
  );
  return fc.oneof(
    { weight: 2, arbitrary: leaf(d, refNames, defs) },
    { weight: 2, arbitrary: objectKeywords(d, sub) },
    { weight: 2, arbitrary: arrayKeywords(d, sub) },
    { weight: 2, arbitrary: combinator },
  );
}

function leaf(d: Dialect, refNames: readonly string[], defs: readonly string[]): fc.Arbitrary<S> {
  const defsKey = modern(d) ? '$defs' : 'definitions';
  const options: Array<fc.Arbitrary<S>> = [
    fc.boolean(),
    numberKeywords(d),
    stringKeywords(),
    fc.record({ enum: fc.uniqueArray(scalar, { minLength: 1, maxLength: 3, selector: (v) => JSON.stringify(v) }) }),
    fc.record({ type: fc.uniqueArray(fc.constantFrom('null', 'string', 'number', 'integer', 'boolean', 'object', 'array'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ type: fc.constant('string'), nullable: fc.constant(true) }),
  ];
  if (d !== 'draft-04') options.push(fc.record({ const: scalar }));
  if (defs.length > 0) options.push(fc.constantFrom(...defs).map((name) => ({ $ref: `#/${defsKey}/${name}` })));
  if (refNames.length > 0) options.push(fc.constantFrom(...refNames).map((name) => ({ $ref: name })));
  return fc.oneof(...options);
}

/** A referenced schema in any dialect, written in syntax every dialect reads alike. */
export const referenceSchema: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.constantFrom(...dialects),
    fc.oneof(
      fc.record({ type: fc.constant('number'), minimum: smallInt, maximum: fc.integer({ min: 3, max: 9 }) }, { requiredKeys: ['type'] }),
      fc.record({ type: fc.constant('string'), maxLength: fc.integer({ min: 1, max: 4 }), pattern: patterns }, { requiredKeys: ['type'] }),
      fc.record({ type: fc.constant('object'), required: fc.uniqueArray(names, { minLength: 1, maxLength: 2 }), properties: fc.dictionary(names, fc.constantFrom({ type: 'string' }, { type: 'integer' }), { maxKeys: 2 }) }),
      fc.record({ enum: fc.uniqueArray(scalar, { minLength: 1, maxLength: 3, selector: (v) => JSON.stringify(v) }) }),
    ),
  )
  .map(([d, body]) => ({ $schema: dialectUris[d], ...body }));

/**
 * A root schema that may `$ref` up to two of `pool` (registered references, by name) and its own
 * definitions. The references are the caller's: registered once, shared by many cases.
 */
export function schemaCase(pool: Readonly<Record<string, Record<string, unknown>>>): fc.Arbitrary<SchemaCase> {
  const available = Object.keys(pool);
  return fc
    .record({
      dialect: fc.constantFrom(...dialects),
      refNames: available.length === 0 ? fc.constant([] as string[]) : fc.uniqueArray(fc.constantFrom(...available), { maxLength: 2 }),
      defCount: fc.nat(2),
      depth: fc.integer({ min: 0, max: 2 }),
    })
    .chain(({ dialect, refNames, defCount, depth }) => {
      const defs = Array.from({ length: defCount }, (_, i) => `d${i}`);
      const defsKey = modern(dialect) ? '$defs' : 'definitions';
      return fc
        .record({ root: schemaOf(dialect, depth, refNames, defs), defs: fc.tuple(...defs.map(() => schemaOf(dialect, 0, refNames, []))) })
        .map(({ root, defs: bodies }) => {
          const body = typeof root === 'boolean' ? { allOf: [root] } : root;
          const schema: Record<string, unknown> = { $schema: dialectUris[dialect], ...body };
          if (defs.length > 0) schema[defsKey] = Object.fromEntries(defs.map((name, i) => [name, bodies[i]]));
          // Only the references the document names: Confluent lists exactly those.
          const text = JSON.stringify(schema);
          const used = refNames.filter((name) => text.includes(`"$ref":"${name}"`));
          return { dialect, schema, references: Object.fromEntries(used.map((name) => [name, pool[name]!])) };
        });
    });
}

/** Values to validate: edge cases and random JSON (the caller adds generated valid instances). */
export const instanceValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom([], {}, null, '', 0, 'ABC', [1, 1], [{ a: 1 }, { a: 1 }], { a: 'x', b: 2 }, { id: 'abc', x1: true }, ['a', 2, null], '2024-01-15', 'a@b.co', '6f1c1f64-5f7e-4d8e-9a6a-6c1b8f9b2a10'),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown),
  fc.dictionary(names, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })), { maxKeys: 3 }),
  fc.array(fc.oneof(scalar, fc.dictionary(names, scalar, { maxKeys: 2 })), { maxLength: 4 }),
);

function dropUndefined<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
