/**
 * OrderPlaced as the reference design evolves it: 1.0.0 → 1.1.0 (an optional field, a minor) →
 * 2.0.0 (a breaking reshape, with upgrade and downgrade rules). Files as `writeFiles` takes them.
 */
const draft = 'https://json-schema.org/draft/2020-12/schema';
export const subject = 'order.OrderPlaced';

export const v1 = {
  $schema: draft,
  type: 'object',
  required: ['orderId', 'totalAmount'],
  properties: {
    orderId: { type: 'string' },
    totalAmount: { type: 'number' },
  },
  additionalProperties: false,
};

export const v1_1 = { ...v1, properties: { ...v1.properties, currency: { type: 'string' } } };

export const v2 = {
  $schema: draft,
  type: 'object',
  required: ['orderId', 'pricing'],
  properties: {
    orderId: { type: 'string' },
    pricing: {
      type: 'object',
      required: ['total', 'currency'],
      properties: { total: { type: 'number' }, currency: { type: 'string' } },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

export const upgradeTo2 = '{ "orderId": orderId, "pricing": { "total": totalAmount, "currency": currency ? currency : "EUR" } }';
export const downgradeFrom2 = '{ "orderId": orderId, "totalAmount": pricing.total, "currency": pricing.currency }';

export function orderFiles(root = subject): Record<string, unknown> {
  return {
    [`${root}/subject.json`]: { compatibility: 'BACKWARD' },
    [`${root}/1.0.0.schema.json`]: v1,
    [`${root}/1.0.0.examples.json`]: { valid: [{ orderId: 'o1', totalAmount: 50 }], invalid: [{ orderId: 'o1' }] },
    [`${root}/1.1.0.schema.json`]: v1_1,
    [`${root}/1.1.0.examples.json`]: { valid: [{ orderId: 'o2', totalAmount: 20, currency: 'USD' }], invalid: [{ orderId: 'o2', totalAmount: 'x' }] },
    [`${root}/2.0.0.schema.json`]: v2,
    [`${root}/2.0.0.upgrade.jsonata`]: `${upgradeTo2}\n`,
    [`${root}/2.0.0.downgrade.jsonata`]: `${downgradeFrom2}\n`,
    [`${root}/2.0.0.examples.json`]: { valid: [{ orderId: 'o3', pricing: { total: 9, currency: 'EUR' } }], invalid: [{ orderId: 'o3', totalAmount: 9 }] },
  };
}
