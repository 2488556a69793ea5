/** The OrderPlaced contract as it evolves 1.0.0 → 1.1.0 → 2.0.0, with its migration rules. */
export const orderPlacedV1 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['orderId', 'customerId', 'totalAmount'],
  properties: { orderId: { type: 'string' }, customerId: { type: 'string' }, totalAmount: { type: 'number', minimum: 0 } },
};

export const orderPlacedV11 = {
  ...orderPlacedV1,
  properties: {
    ...orderPlacedV1.properties,
    currency: { type: 'string', minLength: 3, maxLength: 3 },
    discountAmount: { type: 'number', minimum: 0 },
  },
};

export const orderPlacedV2 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['orderId', 'customerId', 'items', 'pricing'],
  additionalProperties: false,
  properties: {
    orderId: { type: 'string' },
    customerId: { type: 'string' },
    currency: { type: 'string', minLength: 3, maxLength: 3 },
    items: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['sku', 'quantity', 'unitPrice'],
        properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 }, unitPrice: { type: 'number', minimum: 0 } },
      },
    },
    pricing: {
      type: 'object',
      required: ['subtotal', 'tax', 'discount', 'total'],
      properties: { subtotal: { type: 'number' }, tax: { type: 'number' }, discount: { type: 'number' }, total: { type: 'number' } },
    },
  },
};

/** 1.1.0 → 2.0.0: one line item carrying the old total; pricing from totalAmount and discountAmount. */
export const upgradeTo2 = `{
  "orderId": orderId,
  "customerId": customerId,
  "currency": currency ? currency : "USD",
  "items": [{ "sku": "UNSPECIFIED", "quantity": 1, "unitPrice": totalAmount }],
  "pricing": {
    "subtotal": totalAmount,
    "tax": 0,
    "discount": $exists(discountAmount) ? discountAmount : 0,
    "total": totalAmount - ($exists(discountAmount) ? discountAmount : 0)
  }
}`;

/** 2.0.0 → 1.1.0: the total before discount comes back as totalAmount. */
export const downgradeTo11 = `{
  "orderId": orderId,
  "customerId": customerId,
  "totalAmount": pricing.subtotal,
  "currency": currency,
  "discountAmount": pricing.discount
}`;

/** 1.0.0 → 1.1.0: an explicit default currency (the hop could also be an identity hop). */
export const upgradeTo11 = `$merge([$, { "currency": "USD" }])`;

/** The same upgrade written by hand: the floor any executor is measured against. */
export function handUpgrade(e: { orderId: string; customerId: string; totalAmount: number; currency?: string; discountAmount?: number }) {
  const discount = e.discountAmount ?? 0;
  return {
    orderId: e.orderId,
    customerId: e.customerId,
    currency: e.currency ? e.currency : 'USD',
    items: [{ sku: 'UNSPECIFIED', quantity: 1, unitPrice: e.totalAmount }],
    pricing: { subtotal: e.totalAmount, tax: 0, discount, total: e.totalAmount - discount },
  };
}
