import type { RegistryClient } from '../../../client/index.js';

/** OrderPlaced as it evolves in the reference design: 1.0.0 → 1.1.0 (optional fields) → 2.0.0 (breaking). */
const address = {
  type: 'object',
  additionalProperties: false,
  properties: { line1: { type: 'string' }, city: { type: 'string' }, postalCode: { type: 'string' }, country: { type: 'string' } },
};

// Closed objects: under Charter's STRICT policy an optional property may only be added (as a
// compatible minor) to an object that could not already carry it.
export const orderPlacedV1 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'OrderPlaced',
  type: 'object',
  additionalProperties: false,
  required: ['orderId', 'customerId', 'totalAmount'],
  properties: {
    orderId: { type: 'string', minLength: 1 },
    customerId: { type: 'string', minLength: 1 },
    totalAmount: { type: 'number', minimum: 0 },
    shippingAddress: address,
  },
};

export const orderPlacedV1_1 = {
  ...orderPlacedV1,
  properties: {
    ...orderPlacedV1.properties,
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    discountAmount: { type: 'number', minimum: 0 },
  },
};

const money = { type: 'number', minimum: 0 };
export const orderPlacedV2 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'OrderPlaced',
  type: 'object',
  additionalProperties: false,
  required: ['orderId', 'customerId', 'items', 'pricing'],
  properties: {
    orderId: { type: 'string', minLength: 1 },
    customerId: { type: 'string', minLength: 1 },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sku', 'quantity', 'unitPrice'],
        properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 }, unitPrice: money },
      },
    },
    pricing: {
      type: 'object',
      required: ['subtotal', 'tax', 'discount', 'total'],
      properties: { subtotal: money, tax: money, discount: money, total: money },
    },
    shippingAddress: address,
  },
};

/** Into 2.0.0: the old total becomes the priced total; items are unknown for old events. */
export const upgradeTo2 = {
  name: 'orderPlaced-1-to-2',
  kind: 'TRANSFORM' as const,
  type: 'JSONATA',
  mode: 'UPGRADE' as const,
  expr: `{
    "orderId": orderId,
    "customerId": customerId,
    "currency": currency,
    "items": [],
    "pricing": {
      "subtotal": totalAmount + ($exists(discountAmount) ? discountAmount : 0),
      "tax": 0,
      "discount": $exists(discountAmount) ? discountAmount : 0,
      "total": totalAmount
    },
    "shippingAddress": shippingAddress
  }`,
};

/** Back to 1.x: only the total survives. */
export const downgradeFrom2 = {
  name: 'orderPlaced-2-to-1',
  kind: 'TRANSFORM' as const,
  type: 'JSONATA',
  mode: 'DOWNGRADE' as const,
  expr: `{
    "orderId": orderId,
    "customerId": customerId,
    "totalAmount": pricing.total,
    "currency": currency,
    "discountAmount": pricing.discount,
    "shippingAddress": shippingAddress
  }`,
};

export const v1Event = { orderId: 'order_1', customerId: 'cust_1', totalAmount: 42.5 };
export const v1_1Event = { orderId: 'order_2', customerId: 'cust_2', totalAmount: 90, currency: 'EUR', discountAmount: 10 };
export const v2Event = {
  orderId: 'order_3',
  customerId: 'cust_3',
  currency: 'USD',
  items: [
    { sku: 'SKU-1', quantity: 2, unitPrice: 20 },
    { sku: 'SKU-2', quantity: 1, unitPrice: 15 },
  ],
  pricing: { subtotal: 55, tax: 5.5, discount: 5, total: 55.5 },
  shippingAddress: { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
};

/** Registers the three versions of OrderPlaced under `subject`; returns their ids by semver. */
export async function registerOrderPlaced(registry: RegistryClient, subject = 'order.OrderPlaced'): Promise<Record<string, number>> {
  const v1 = await registry.register(subject, { schema: orderPlacedV1, semver: '1.0.0', examples: [v1Event] });
  const v11 = await registry.register(subject, { schema: orderPlacedV1_1, semver: '1.1.0', examples: [v1_1Event] });
  const v2 = await registry.register(subject, {
    schema: orderPlacedV2,
    semver: '2.0.0',
    examples: [v2Event],
    ruleSet: { migrationRules: [upgradeTo2, downgradeFrom2] },
  });
  return { '1.0.0': v1.id, '1.1.0': v11.id, '2.0.0': v2.id };
}
