import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../../flows/event-store/index.js';
import { OrderPlacedV1_0_0Event } from '../../flows/generated/index.js';
import { orderStreamId, OrderRepository, UnreadableHistoryError } from '../../flows/order/index.js';
import type { FlowSystem } from '../../flows/runtime/index.js';
import type { TestRegistry } from '../support/registry.js';
import { registryWithContracts, startLocalFlowSystem } from './support/flow-world.js';

describe('the order service on the event store', () => {
  let registry: TestRegistry;
  let system: FlowSystem;

  beforeAll(async () => {
    registry = await registryWithContracts();
    system = await startLocalFlowSystem(registry.url);
  });
  afterAll(async () => {
    await system.close();
    await registry.close();
  });

  const items = [{ productId: 'sku_lamp', quantity: 1, unitPrice: 30 }];

  it('places, confirms and ships an order, each step appended to its stream at the contract versions', async () => {
    expect(await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_ship', customerId: 'cust_ada', items })).toMatchObject({ ok: true, version: 1 });
    expect(await system.orders.handle({ type: 'ConfirmOrder', orderId: 'o_ship', paymentId: 'pay_9' })).toMatchObject({ ok: true, version: 2 });
    expect(await system.orders.handle({ type: 'ShipOrder', orderId: 'o_ship', trackingNumber: 'TRK9', carrier: 'UPS' })).toMatchObject({ ok: true, version: 3 });
    const stream = await system.store.readStream(orderStreamId('o_ship'));
    expect(stream.map((e) => `${e.schema.subject}@${e.schema.version}`)).toEqual(['order.OrderPlaced@2.1.0', 'order.OrderConfirmed@1.0.0', 'order.OrderShipped@1.0.0']);
    expect(stream.every((e) => (e.schema.id ?? 0) > 0)).toBe(true);
  });

  it('returns a broken rule as data and appends nothing', async () => {
    await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_early', customerId: 'cust_ada', items });
    const result = await system.orders.handle({ type: 'ShipOrder', orderId: 'o_early', trackingNumber: 'T', carrier: 'UPS' });
    expect(result).toMatchObject({ ok: false, rule: 'ORDER_NOT_CONFIRMED' });
    expect(await system.store.version(orderStreamId('o_early'))).toBe(1);
  });

  it('reads an order stored at 1.0.0 as 2.0.0, upcast through the registry’s migration rules', async () => {
    // given an order placed by the 1.0.0 service, years ago
    const legacy = await system.codec.encode(OrderPlacedV1_0_0Event.subject, { orderId: 'o_legacy', customerId: 'cust_old', totalAmount: 120 }, {
      version: OrderPlacedV1_0_0Event.semver,
      aggregateId: 'o_legacy',
      aggregateVersion: 1,
    });
    await system.store.append(orderStreamId('o_legacy'), [legacy], { expectedVersion: 0 });
    // when the 2.0.0 service loads it, then it sees 2.0.0 data
    expect(await system.orders.get('o_legacy')).toMatchObject({
      status: 'placed',
      customerId: 'cust_old',
      currency: 'USD',
      total: 120,
      items: [{ productId: 'unknown', quantity: 1, unitPrice: 120 }],
    });
    // and it can act on it: the stored 1.0.0 event is left as it was written
    expect(await system.orders.handle({ type: 'CancelOrder', orderId: 'o_legacy', reason: 'discontinued' })).toMatchObject({ ok: true, version: 2 });
    expect((await system.store.readStream(orderStreamId('o_legacy')))[0].data).toEqual({ orderId: 'o_legacy', customerId: 'cust_old', totalAmount: 120 });
  });

  it('refuses to load a history holding an event its writer schema rejects', async () => {
    const forged = await system.codec.encode(OrderPlacedV1_0_0Event.subject, { orderId: 'o_forged', customerId: 'c', totalAmount: 1 }, { version: '1.0.0' });
    await system.store.append(orderStreamId('o_forged'), [{ ...forged, data: { orderId: 'o_forged' } }], { expectedVersion: 0 });
    await expect(system.orders.get('o_forged')).rejects.toBeInstanceOf(UnreadableHistoryError);
  });

  it('detects a writer that loaded the order before another one saved', async () => {
    await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_race', customerId: 'cust_ada', items });
    const repository = new OrderRepository(system.store, system.codec);
    const loaded = await repository.load('o_race');
    await system.store.db.transaction((tx) => repository.save('o_race', [{ type: 'OrderConfirmed', data: { orderId: 'o_race', paymentId: 'pay_a' } }], loaded, {}, tx));
    await expect(
      system.store.db.transaction((tx) => repository.save('o_race', [{ type: 'OrderCancelled', data: { orderId: 'o_race', reason: 'late' } }], loaded, {}, tx)),
    ).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('retries a command against the new history when a concurrent writer got in first', async () => {
    await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_retry', customerId: 'cust_ada', items });
    const [confirm, cancel] = await Promise.all([
      system.orders.handle({ type: 'ConfirmOrder', orderId: 'o_retry', paymentId: 'pay_r' }),
      system.orders.handle({ type: 'CancelOrder', orderId: 'o_retry', reason: 'customer called' }),
    ]);
    // Both succeed, in some order: the cancel applies to a placed or a confirmed order alike.
    expect([confirm.ok, cancel.ok]).toContain(true);
    expect(cancel.ok).toBe(true);
    expect((await system.orders.get('o_retry')).status).toBe('cancelled');
  });
});
