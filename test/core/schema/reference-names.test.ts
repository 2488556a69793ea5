/**
 * A Confluent reference name means one schema across the whole reference closure. Shared contract
 * types are registered under names like `common.Money/1.0.0`; when such a shared schema itself
 * writes `{"$ref": "common.Currency/1.0.0"}`, JSON Schema would resolve that against its own name
 * (`common.Money/common.Currency/1.0.0`). The validator factory and the compatibility engine both
 * read it as the reference of that name, so they agree with each other and with the folder form.
 */
import { describe, expect, it } from 'vitest';
import { checkCompatibility, type JsonSchema, type ReferencedSchemas } from '../../../core/compat/index.js';
import { createValidator } from '../../../core/schema/validator/index.js';

const currencyV1: JsonSchema = { type: 'string', pattern: '^[A-Z]{3}$' };
const currencyV2: JsonSchema = { type: 'string', pattern: '^[A-Z]{3}$', maxLength: 3 };
const currencyNarrow: JsonSchema = { type: 'string', enum: ['EUR', 'USD'] };
const money = (currency: string): JsonSchema => ({
  type: 'object',
  properties: { amount: { type: 'integer' }, currency: { $ref: currency } },
  required: ['amount', 'currency'],
});
const order: JsonSchema = { type: 'object', properties: { total: { $ref: 'common.Money/1.0.0' } }, required: ['total'] };

const refs = (currency: JsonSchema): ReferencedSchemas => ({
  'common.Money/1.0.0': money('common.Currency/1.0.0'),
  'common.Currency/1.0.0': currency,
});

function validator(schema: JsonSchema, references: ReferencedSchemas) {
  const built = createValidator(schema, references);
  if (!built.ok) throw new Error(built.failure.message);
  return built.validator;
}

describe('reference names across the closure', () => {
  it('a shared schema that references another shared subject by name validates through both levels', () => {
    const v = validator(order, refs(currencyV1));
    expect(v.check({ total: { amount: 5, currency: 'EUR' } }).valid).toBe(true);
    expect(v.check({ total: { amount: 5, currency: 'euro' } }).valid).toBe(false);
    expect(v.check({ total: { amount: 5 } }).valid).toBe(false);
  });

  it('the same shared schema also validates as a root of its own', () => {
    const v = validator(money('common.Currency/1.0.0'), { 'common.Currency/1.0.0': currencyV1 });
    expect(v.check({ amount: 1, currency: 'USD' }).valid).toBe(true);
    expect(v.check({ amount: 1, currency: 'usd' }).valid).toBe(false);
  });

  it('the engine sees a change two references deep, as the validator does', () => {
    const narrowed = checkCompatibility({ schema: order, references: refs(currencyNarrow) }, [{ schema: order, references: refs(currencyV1) }], 'BACKWARD');
    expect(narrowed.compatible).toBe(false);
    // The witness: valid under the old closure, refused by the new one.
    expect(validator(order, refs(currencyV1)).check({ total: { amount: 1, currency: 'GBP' } }).valid).toBe(true);
    expect(validator(order, refs(currencyNarrow)).check({ total: { amount: 1, currency: 'GBP' } }).valid).toBe(false);
    const same = checkCompatibility({ schema: order, references: refs(currencyV2) }, [{ schema: order, references: refs(currencyV1) }], 'FULL');
    expect(same.compatible).toBe(true);
  });

  it('a name taken by a real reference is never shadowed by an alias', () => {
    const shadow: ReferencedSchemas = {
      'common.Money/1.0.0': money('common.Currency/1.0.0'),
      'common.Currency/1.0.0': currencyV1,
      'common.Money/common.Currency/1.0.0': { type: 'string', const: 'XXX' },
    };
    const v = validator(order, shadow);
    expect(v.check({ total: { amount: 1, currency: 'XXX' } }).valid).toBe(true);
    expect(v.check({ total: { amount: 1, currency: 'EUR' } }).valid).toBe(false);
  });
});
