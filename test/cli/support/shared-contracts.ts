/**
 * Contracts that share types the way real events do: `common.Currency` (a code), `common.Money`
 * (an amount in a currency, referencing Currency), and two events referencing Money — one whole,
 * one through a fragment. Files as `writeFiles` takes them.
 */
const draft = 'https://json-schema.org/draft/2020-12/schema';

export const currency1 = { $schema: draft, type: 'string', pattern: '^[A-Z]{3}$' };

export const money1 = {
  $schema: draft,
  type: 'object',
  required: ['amount', 'currency'],
  properties: { amount: { type: 'number' }, currency: { $ref: 'common.Currency/1.0.0' } },
  additionalProperties: false,
};

/** A compatible change: an optional field. */
export const money1_1 = { ...money1, properties: { ...money1.properties, scale: { type: 'integer' } } };

/** A breaking change: the amount becomes a decimal string. */
export const money2 = { ...money1, properties: { amount: { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' }, currency: { $ref: 'common.Currency/1.0.0' } } };

export const order = (money = 'common.Money/1.0.0') => ({
  $schema: draft,
  type: 'object',
  required: ['orderId', 'total'],
  properties: { orderId: { type: 'string' }, total: { $ref: money } },
  additionalProperties: false,
});

export const payment = {
  $schema: draft,
  type: 'object',
  required: ['paymentId', 'amount'],
  properties: { paymentId: { type: 'string' }, amount: { $ref: 'common.Money/1.0.0#/properties/amount' } },
  additionalProperties: false,
};

/** The folder before any change: Currency 1.0.0, Money 1.0.0, OrderPlaced 1.0.0 (with examples), PaymentTaken 1.0.0. */
export function sharedFiles(): Record<string, unknown> {
  return {
    'common.Currency/1.0.0.schema.json': currency1,
    'common.Money/1.0.0.schema.json': money1,
    'order.OrderPlaced/1.0.0.schema.json': order(),
    'order.OrderPlaced/1.0.0.examples.json': {
      valid: [{ orderId: 'o1', total: { amount: 5, currency: 'EUR' } }],
      // Invalid only through the nested reference: Money → Currency's pattern.
      invalid: [{ orderId: 'o2', total: { amount: 5, currency: 'eur' } }],
    },
    'payment.PaymentTaken/1.0.0.schema.json': payment,
  };
}
