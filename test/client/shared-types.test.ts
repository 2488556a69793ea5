import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCodec, InvalidEventError, RegistryClient, type Envelope } from '../../client/index.js';
import { call, startRegistry } from '../support/registry.js';
import { countingFetch } from './support/counting-fetch.js';

const draft = 'https://json-schema.org/draft/2020-12/schema';
const currency = { $schema: draft, type: 'string', pattern: '^[A-Z]{3}$' };
const money = {
  $schema: draft,
  type: 'object',
  required: ['amount', 'currency'],
  properties: { amount: { $ref: '#/$defs/Amount' }, currency: { $ref: 'common.Currency/1.0.0' } },
  additionalProperties: false,
  $defs: { Amount: { type: 'integer', minimum: 0 } },
};
const orderPlaced = {
  $schema: draft,
  type: 'object',
  required: ['orderId', 'total', 'items'],
  properties: {
    orderId: { type: 'string', minLength: 1 },
    total: { $ref: 'common.Money/1.0.0' },
    discount: { $ref: 'common.Money/1.0.0#/$defs/Amount' },
    items: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['productId', 'price'], properties: { productId: { type: 'string' }, price: { $ref: 'common.Money/1.0.0' } }, additionalProperties: false },
    },
  },
  additionalProperties: false,
};
const paymentAuthorized = {
  $schema: draft,
  type: 'object',
  required: ['paymentId', 'amount'],
  properties: { paymentId: { type: 'string' }, amount: { $ref: 'common.Money/1.0.0' } },
  additionalProperties: false,
};

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const order = { orderId: 'o_1', total: eur(2500), discount: 100, items: [{ productId: 'p_1', price: eur(2500) }] };

let server: { url: string; close(): Promise<void> };
const ids: Record<string, number> = {};

/** Registers over HTTP as any Confluent client would: the schema text and its direct `references`. */
async function register(subject: string, schema: object, references: Array<{ name: string; subject: string; version: number }> = []): Promise<void> {
  const response = await call(server.url, 'POST', `/subjects/${subject}/versions`, { schemaType: 'JSON', schema: JSON.stringify(schema), references, semver: '1.0.0' });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  ids[subject] = response.body.id;
}

beforeAll(async () => {
  server = await startRegistry();
  await register('common.Currency', currency);
  await register('common.Money', money, [{ name: 'common.Currency/1.0.0', subject: 'common.Currency', version: 1 }]);
  await register('order.OrderPlaced', orderPlaced, [{ name: 'common.Money/1.0.0', subject: 'common.Money', version: 1 }]);
  await register('payment.PaymentAuthorized', paymentAuthorized, [{ name: 'common.Money/1.0.0', subject: 'common.Money', version: 1 }]);
});
afterAll(() => server.close());

describe('the SDK across shared types (order → Money → Currency, resolved through the registry)', () => {
  it('encodes and decodes an event whose schema references Money, which references Currency', async () => {
    const codec = new EventCodec({ registry: new RegistryClient({ url: server.url }), source: 'order-service' });
    const envelope = await codec.encode('order.OrderPlaced', order, { aggregateId: 'o_1' });
    expect(envelope.schema).toEqual({ subject: 'order.OrderPlaced', version: '1.0.0', id: ids['order.OrderPlaced'] });
    const decoded = await codec.decode(JSON.parse(JSON.stringify(envelope)));
    expect(decoded.ok && decoded.event.data).toEqual(order);
  });

  it('refuses on encode and on decode an invalid nested Money: a bad currency two references down, a fractional amount through a fragment', async () => {
    const codec = new EventCodec({ registry: new RegistryClient({ url: server.url }) });
    const badCurrency = { ...order, items: [{ productId: 'p_1', price: { amount: 2500, currency: 'euro' } }] };
    const error = await codec.encode('order.OrderPlaced', badCurrency).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).errors).toContainEqual(expect.objectContaining({ instancePath: '/items/0/price/currency', keyword: 'pattern' }));
    await expect(codec.encode('order.OrderPlaced', { ...order, discount: 1.5 })).rejects.toBeInstanceOf(InvalidEventError);

    // A producer that skipped validation: the consumer's decode still checks the nested types.
    const good = (await codec.encode('order.OrderPlaced', order)) as Envelope;
    const decoded = await new EventCodec({ registry: new RegistryClient({ url: server.url }) }).decode({ ...good, data: badCurrency });
    expect(decoded.ok).toBe(false);
    expect(JSON.stringify(decoded)).toContain('/items/0/price/currency');
  });

  it('fetches each referenced schema once: later decodes of the same or of another event sharing Money make fewer or no HTTP calls', async () => {
    const producer = new EventCodec({ registry: new RegistryClient({ url: server.url }) });
    const orderEvent = JSON.parse(JSON.stringify(await producer.encode('order.OrderPlaced', order))) as Envelope;
    const paymentEvent = JSON.parse(JSON.stringify(await producer.encode('payment.PaymentAuthorized', { paymentId: 'pay_1', amount: eur(2500) }))) as Envelope;

    const counter = countingFetch();
    const consumer = new EventCodec({ registry: new RegistryClient({ url: server.url, fetch: counter.fetch }) });
    expect((await consumer.decode(orderEvent)).ok).toBe(true);
    const firstOrder = counter.requests.map((r) => new URL(r.url).pathname);
    // The writer version, then Money and Currency through its references.
    expect(firstOrder.filter((p) => p.includes('common.'))).toEqual(['/subjects/common.Money/versions/1', '/subjects/common.Currency/versions/1']);

    for (let i = 0; i < 10; i++) expect((await consumer.decode({ ...orderEvent, eventId: `evt_${i}` })).ok).toBe(true);
    expect(counter.requests.length).toBe(firstOrder.length);

    expect((await consumer.decode(paymentEvent)).ok).toBe(true);
    const forPayment = counter.requests.slice(firstOrder.length).map((r) => new URL(r.url).pathname);
    expect(forPayment.filter((p) => p.includes('common.'))).toEqual([]);

    // Without the cache (a fresh client per decode) every decode pays the whole chain again.
    const uncached = countingFetch();
    for (let i = 0; i < 3; i++) await new EventCodec({ registry: new RegistryClient({ url: server.url, fetch: uncached.fetch }) }).decode(orderEvent);
    expect(uncached.requests.length).toBe(3 * firstOrder.length);
    console.log(`HTTP fetches: first order decode ${firstOrder.length}, next 10 decodes 0, first payment decode ${forPayment.length}; 3 decodes without cache ${uncached.requests.length}`);
  });
});

describe('referencedBy and impactOf', () => {
  it('lists the ids of the schemas that reference a version', async () => {
    const registry = new RegistryClient({ url: server.url });
    expect((await registry.referencedBy('common.Money', '1.0.0')).sort((a, b) => a - b)).toEqual([ids['order.OrderPlaced'], ids['payment.PaymentAuthorized']].sort((a, b) => a! - b!));
    expect(await registry.referencedBy('common.Currency', 1)).toEqual([ids['common.Money']]);
    expect(await registry.referencedBy('order.OrderPlaced', 'latest')).toEqual([]);
  });

  it('tells a producer which subject-versions a shared type change touches, through other shared types too', async () => {
    const registry = new RegistryClient({ url: server.url });
    expect(await registry.impactOf('common.Money', '1.0.0')).toEqual([
      { subject: 'order.OrderPlaced', version: 1, direct: true },
      { subject: 'payment.PaymentAuthorized', version: 1, direct: true },
    ]);
    expect(await registry.impactOf('common.Currency', '1.0.0')).toEqual([
      { subject: 'common.Money', version: 1, direct: true },
      { subject: 'order.OrderPlaced', version: 1, direct: false },
      { subject: 'payment.PaymentAuthorized', version: 1, direct: false },
    ]);
    expect(await registry.impactOf('payment.PaymentAuthorized', 1)).toEqual([]);
  });

  it('names a version that does not exist with the registry\'s error', async () => {
    const registry = new RegistryClient({ url: server.url });
    await expect(registry.impactOf('common.Money', '9.0.0')).rejects.toMatchObject({ name: 'VersionNotFoundError' });
  });
});
