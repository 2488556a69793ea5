import { describe, expect, it } from 'vitest';
import { assertCompiles } from '../../../core/schema/assert-compiles.js';
import { compilePieces } from '../../../core/schema/validator/index.js';
import type { JsonSchema } from '../../../core/schema/types.js';

/** A 70-property object schema (wide enough to split) whose property `x` is `probe`. */
function wide(probe: unknown, extra: Record<string, unknown> = {}): JsonSchema {
  const properties: Record<string, unknown> = { x: probe };
  for (let i = 0; i < 69; i++) properties[`p${i}`] = { type: 'string', maxLength: i + 1 };
  return { type: 'object', properties, ...extra } as JsonSchema;
}

const compiles = (run: () => void) => {
  try {
    run();
    return true;
  } catch {
    return false;
  }
};

/** Property schemas ajv compiles and ones it refuses, in every dialect that is split. */
const probes: unknown[] = [
  { type: 'string', pattern: '^[a-z]+$' },
  { type: 'string', pattern: '^(?=.*a)\\w+$' },
  { type: 'string', pattern: '(?<=a)b' },
  { type: 'string', pattern: '^(a+)\\1$' },
  { enum: [] },
  { type: 'object', properties: { a: { type: 'integer', multipleOf: 3 } }, unevaluatedProperties: false },
  { type: 'array', items: [{ type: 'string' }], additionalItems: false },
  { type: 'array', prefixItems: [{ type: 'string' }], items: false },
  { if: { minimum: 0 }, then: { multipleOf: 2 }, else: { maximum: -5 } },
  { type: 'string', format: 'password' },
  { type: 'string', format: 'not-a-format' },
  { dependentSchemas: { a: { required: ['b'] } }, dependencies: { c: ['d'] } },
];
const dialects = [{}, { $schema: 'http://json-schema.org/draft-07/schema#' }, { $schema: 'https://json-schema.org/draft/2019-09/schema' }, { $schema: 'https://json-schema.org/draft/2020-12/schema' }];

describe('compilePieces (a wide schema compiled as its property schemas and the rest)', () => {
  it('gives the whole schema’s compile verdict for every probe in every dialect', () => {
    let compared = 0;
    for (const dialect of dialects) {
      for (const probe of probes) {
        const schema = wide(probe, dialect);
        const split = compilePieces(schema, {});
        expect(split).toBeDefined();
        const whole = compiles(() => assertCompiles(schema));
        const pieces = split!.pieces.every((piece) => compiles(() => assertCompiles(piece.schema, {}, split!.dialect)));
        expect(pieces, `${JSON.stringify(dialect)} ${JSON.stringify(probe)}`).toBe(whole);
        compared++;
      }
    }
    expect(compared).toBe(dialects.length * probes.length);
  });

  it('keeps in the skeleton every property that mentions a reference, identifier or other `$` keyword', () => {
    for (const probe of [{ $ref: '#/$defs/a' }, { $id: 'urn:x' }, { $anchor: 'a' }, { items: { $dynamicRef: '#meta' } }, { $async: true }, { $comment: 'c' }]) {
      const split = compilePieces(wide(probe, { $defs: { a: { type: 'string' } } }), {})!;
      expect(split.pieces.map((piece) => piece.text)).not.toContain(JSON.stringify(probe));
      expect((split.pieces[0].schema as { properties: Record<string, unknown> }).properties.x).toEqual(probe);
    }
  });

  it('does not split draft-04 schemas, schemas with references, or narrow schemas', () => {
    expect(compilePieces(wide({ type: 'string' }, { $schema: 'http://json-schema.org/draft-04/schema#' }), {})).toBeUndefined();
    expect(compilePieces(wide({ type: 'string' }), { 'other.json': { type: 'string' } })).toBeUndefined();
    expect(compilePieces({ type: 'object', properties: { a: { type: 'string' } } }, {})).toBeUndefined();
  });
});
