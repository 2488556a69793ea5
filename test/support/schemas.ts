/** Small schemas the server suites register: the OrderPlaced story of the reference design. */
export const orderPlacedV1 = {
  type: 'object',
  properties: { orderId: { type: 'string' }, customerId: { type: 'string' }, totalAmount: { type: 'number' } },
  required: ['orderId', 'customerId', 'totalAmount'],
  additionalProperties: false,
};

export const orderPlacedV1_1 = {
  ...orderPlacedV1,
  properties: { ...orderPlacedV1.properties, currency: { type: 'string' }, discountAmount: { type: 'number' } },
};

export const orderPlacedV2 = {
  type: 'object',
  properties: {
    orderId: { type: 'string' },
    customerId: { type: 'string' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { productId: { type: 'string' }, quantity: { type: 'integer' }, unitPrice: { type: 'number' } },
        required: ['productId', 'quantity', 'unitPrice'],
      },
    },
    pricing: {
      type: 'object',
      properties: { subtotal: { type: 'number' }, tax: { type: 'number' }, discount: { type: 'number' }, total: { type: 'number' } },
      required: ['subtotal', 'tax', 'discount', 'total'],
    },
  },
  required: ['orderId', 'customerId', 'items', 'pricing'],
  additionalProperties: false,
};

/** UPGRADE 1.1.0 → 2.0.0: one line item carrying the old total; DOWNGRADE back. */
export const upgradeToV2 = `{
  "orderId": orderId, "customerId": customerId,
  "items": [{ "productId": "unknown", "quantity": 1, "unitPrice": totalAmount }],
  "pricing": { "subtotal": totalAmount, "tax": 0, "discount": discountAmount ? discountAmount : 0, "total": totalAmount - (discountAmount ? discountAmount : 0) }
}`;
export const downgradeFromV2 = `{ "orderId": orderId, "customerId": customerId, "totalAmount": pricing.total, "discountAmount": pricing.discount }`;

export const migrationRules = {
  migrationRules: [
    { name: 'order-v2-up', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr: upgradeToV2 },
    { name: 'order-v2-down', kind: 'TRANSFORM', type: 'JSONATA', mode: 'DOWNGRADE', expr: downgradeFromV2 },
  ],
};

/**
 * A distinct schema per index that is compatible with every other in any order: they differ only
 * in an annotation, so each registration is a real new version (a patch) whatever the race.
 */
export const numberedSchema = (n: number) => ({ type: 'object', title: `variant ${n}`, properties: { id: { type: 'string' } } });

export const register = (schema: unknown, extra: Record<string, unknown> = {}) => ({
  schemaType: 'JSON',
  schema: JSON.stringify(schema),
  ...extra,
});
