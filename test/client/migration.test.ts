import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCodec, NoMigrationPathError, RegistryClient, confluentWire, toConfluentWire } from '../../client/index.js';
import { startRegistry } from '../support/registry.js';
import { registerOrderPlaced, v1Event, v1_1Event, v2Event } from './support/order-placed.js';

let server: { url: string; close(): Promise<void> };
let registry: RegistryClient;
let codec: EventCodec;

beforeAll(async () => {
  server = await startRegistry();
  registry = new RegistryClient({ url: server.url });
  await registerOrderPlaced(registry);
  codec = new EventCodec({ registry, source: 'test' });
});
afterAll(() => server.close());

describe('decode with an accepted range', () => {
  it('upcasts a 1.0.0 OrderPlaced for a ^2.0.0 reader through 1.1.0', async () => {
    const envelope = await codec.encode('order.OrderPlaced', v1Event, { version: '1.0.0' });
    const result = await codec.decode(envelope, { accept: '^2.0.0' });
    expect(result).toMatchObject({ ok: true, writer: { version: '1.0.0' }, reader: { version: '2.0.0' } });
    if (!result.ok) return;
    expect(result.event.schema.version).toBe('2.0.0');
    expect(result.event.eventId).toBe(envelope.eventId);
    expect(result.event.data).toEqual({
      orderId: 'order_1',
      customerId: 'cust_1',
      items: [],
      pricing: { subtotal: 42.5, tax: 0, discount: 0, total: 42.5 },
    });
  });

  it('downcasts a 2.0.0 OrderPlaced for a ~1.1.0 reader', async () => {
    const envelope = await codec.encode('order.OrderPlaced', v2Event);
    const result = await codec.decode(codec.serialize(envelope, confluentWire), { accept: '~1.1.0' });
    expect(result).toMatchObject({ ok: true, writer: { version: '2.0.0' }, reader: { version: '1.1.0' } });
    if (!result.ok) return;
    expect(result.event.data).toEqual({
      orderId: 'order_3',
      customerId: 'cust_3',
      totalAmount: 55.5,
      currency: 'USD',
      discountAmount: 5,
      shippingAddress: v2Event.shippingAddress,
    });
  });

  it('reads a compatible older minor without any rule', async () => {
    const envelope = await codec.encode('order.OrderPlaced', v1Event, { version: '1.0.0' });
    const result = await codec.decode(envelope, { accept: '^1.0.0' });
    expect(result).toMatchObject({ ok: true, reader: { version: '1.1.0' }, event: { data: v1Event } });
  });

  it('leaves the event in its writer version when no range is given', async () => {
    const envelope = await codec.encode('order.OrderPlaced', v1_1Event, { version: '1.1.0' });
    expect(await codec.decode(envelope)).toMatchObject({ ok: true, reader: { version: '1.1.0' }, event: { data: v1_1Event } });
  });
});

describe('decode failures are data with a reason', () => {
  it('invalid: the event breaks its writer schema', async () => {
    const envelope = await codec.encode('order.OrderPlaced', v2Event);
    const result = await codec.decode({ ...envelope, data: { orderId: 'o' } }, { accept: '^2.0.0' });
    expect(result).toMatchObject({ ok: false, reason: 'invalid', writer: { version: '2.0.0' } });
    if (!result.ok) expect(result.errors).toContainEqual(expect.objectContaining({ keyword: 'required' }));
  });

  it('no-migration-path: no registered version satisfies the range', async () => {
    const envelope = await codec.encode('order.OrderPlaced', v2Event);
    expect(await codec.decode(envelope, { accept: '^3.0.0' })).toMatchObject({ ok: false, reason: 'no-migration-path' });
  });

  it('unknown-schema: the writer id is not registered', async () => {
    const result = await codec.decode(toConfluentWire(999_999, v2Event));
    expect(result).toMatchObject({ ok: false, reason: 'unknown-schema' });
  });

  it('unknown-schema: the subject is not registered', async () => {
    const envelope = await codec.encode('order.OrderPlaced', v2Event);
    const result = await codec.decode({ ...envelope, schema: { subject: 'order.Nope', version: '1.0.0', id: 1 } });
    expect(result).toMatchObject({ ok: false, reason: 'unknown-schema' });
  });
});

describe('negotiated encode', () => {
  it('writes the highest version every declared reader accepts, downcasting', async () => {
    await registry.setConsumer('legacy-reports', { 'order.OrderPlaced': '~1.1.0' });
    await registry.setConsumer('billing', { 'order.OrderPlaced': '>=1.0.0' });
    const fresh = new EventCodec({ registry: new RegistryClient({ url: server.url }) });
    const envelope = await fresh.encode('order.OrderPlaced', v2Event, { negotiate: true });
    expect(envelope.schema.version).toBe('1.1.0');
    expect(envelope.data).toEqual({
      orderId: 'order_3',
      customerId: 'cust_3',
      totalAmount: 55.5,
      currency: 'USD',
      discountAmount: 5,
      shippingAddress: v2Event.shippingAddress,
    });
  });

  it('refuses when the readers have no version in common', async () => {
    await registerOrderPlaced(registry, 'shop.OrderPlaced');
    await registry.setConsumer('future', { 'shop.OrderPlaced': '^3.0.0' });
    await registry.setConsumer('past', { 'shop.OrderPlaced': '^1.0.0' });
    const fresh = new EventCodec({ registry: new RegistryClient({ url: server.url }) });
    await expect(fresh.encode('shop.OrderPlaced', v2Event, { negotiate: true })).rejects.toBeInstanceOf(NoMigrationPathError);
  });
});
