import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Subscriber } from '../../client/index.js';
import { orderStreamId } from '../../flows/order/index.js';
import type { FlowSystem } from '../../flows/runtime/index.js';
import { fakePaymentGateway } from '../../flows/saga/index.js';
import type { TestRegistry } from '../support/registry.js';
import { eventually, flowBackends, registryWithContracts, startFlowSystem } from './support/flow-world.js';

const keyboard = { productId: 'sku_keyboard', quantity: 2, unitPrice: 49.99 };

describe.each(flowBackends())('the choreographed order saga on $name', (backend) => {
  let registry: TestRegistry;
  let system: FlowSystem;
  let dispose: () => Promise<void>;
  const seen: string[] = [];

  beforeAll(async () => {
    registry = await registryWithContracts();
  });
  afterAll(() => registry.close());
  afterEach(() => dispose());

  /** Given stock and a card processor, the three services running and a witness on the bus. */
  async function given(stock: Record<string, number>, declineCustomers: string[] = []) {
    ({ system, dispose } = await startFlowSystem(registry.url, backend, { stock, gateway: fakePaymentGateway({ declineCustomers }) }));
    await system.startChoreography();
    seen.length = 0;
    const witness = new Subscriber({ codec: system.codec, transport: system.options.transport, group: 'witness' });
    for (const subject of ['inventory.InventoryReserved', 'inventory.InventoryReservationFailed', 'inventory.InventoryReservationCancelled', 'payment.PaymentProcessed', 'payment.PaymentFailed']) {
      await witness.subscribe(subject, {}, async (event) => void seen.push(event.eventType));
    }
  }

  const statusOf = (orderId: string) => system.orders.get(orderId).then((s) => s.status);
  const settled = (orderId: string) => eventually(() => statusOf(orderId), (s) => s === 'confirmed' || s === 'cancelled');

  it('confirms an order once inventory is reserved and payment processed', async () => {
    await given({ sku_keyboard: 5 });
    await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_happy', customerId: 'cust_ada', items: [keyboard], taxRate: 0.08, discount: 10 });
    expect(await settled('o_happy')).toBe('confirmed');
    // The services declared what they read before subscribing.
    expect(await system.registry.getConsumer('payment-service')).toMatchObject({ subjects: { 'inventory.InventoryReserved': '^1.0.0', 'order.OrderCancelled': '^1.0.0' } });
    expect(await system.inventory.available('sku_keyboard')).toBe(3);
    await eventually(async () => seen.length, (n) => n >= 2);
    expect(seen).toEqual(['InventoryReserved', 'PaymentProcessed']);
    // One conversation: every event of the order carries the correlation id of the first.
    const stream = await system.store.readStream(orderStreamId('o_happy'));
    expect(new Set(stream.map((e) => e.metadata.correlationId)).size).toBe(1);
  });

  it('cancels the order when inventory cannot be reserved, and charges nothing', async () => {
    await given({ sku_keyboard: 1 });
    await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_short', customerId: 'cust_ada', items: [keyboard] });
    expect(await settled('o_short')).toBe('cancelled');
    expect(await system.orders.get('o_short')).toMatchObject({ cancelReason: 'insufficient stock of sku_keyboard' });
    await eventually(async () => seen.length, (n) => n >= 1);
    expect(seen).toEqual(['InventoryReservationFailed']);
    expect(await system.inventory.available('sku_keyboard')).toBe(1);
  });

  it('compensates a failed payment: the reservation is released, then the order cancelled', async () => {
    await given({ sku_keyboard: 5 }, ['cust_broke']);
    await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_declined', customerId: 'cust_broke', items: [keyboard] });
    expect(await settled('o_declined')).toBe('cancelled');
    expect(await system.orders.get('o_declined')).toMatchObject({ cancelReason: 'payment failed: card declined' });
    await eventually(async () => seen.length, (n) => n >= 3);
    expect(seen).toEqual(['InventoryReserved', 'PaymentFailed', 'InventoryReservationCancelled']);
    expect(await system.inventory.available('sku_keyboard')).toBe(5);
  });

  it('processes many orders at once, each to the outcome its stock allows', async () => {
    await given({ sku_keyboard: 10 });
    const ids = Array.from({ length: 8 }, (_, i) => `o_bulk_${i}`);
    await Promise.all(ids.map((orderId) => system.orders.handle({ type: 'PlaceOrder', orderId, customerId: 'cust_bulk', items: [keyboard] })));
    const outcomes = await Promise.all(ids.map(settled));
    expect(outcomes.filter((s) => s === 'confirmed')).toHaveLength(5);
    expect(outcomes.filter((s) => s === 'cancelled')).toHaveLength(3);
    expect(await system.inventory.available('sku_keyboard')).toBe(0);
  });

  it('releases the stock and refunds the payment when the customer cancels a confirmed order', async () => {
    const gateway = fakePaymentGateway();
    ({ system, dispose } = await startFlowSystem(registry.url, backend, { stock: { sku_keyboard: 5 }, gateway }));
    await system.startChoreography();
    await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_regret', customerId: 'cust_ada', items: [keyboard] });
    expect(await settled('o_regret')).toBe('confirmed');
    expect(await system.inventory.available('sku_keyboard')).toBe(3);
    expect(await system.orders.handle({ type: 'CancelOrder', orderId: 'o_regret', reason: 'changed my mind', cancelledBy: 'customer' })).toMatchObject({ ok: true });
    await eventually(() => system.inventory.available('sku_keyboard'), (n) => n === 5);
    const payment = await eventually(() => system.payment.paymentFor('o_regret'), (p) => p?.status === 'refunded');
    expect(gateway.refunded).toEqual([payment!.paymentId]);
    expect(gateway.charges.size).toBe(1);
  });

  it('keeps events whose publish failed in the outbox and delivers them once the broker answers', async () => {
    await given({ sku_keyboard: 5 });
    const transport = system.options.transport;
    const publish = transport.publish.bind(transport);
    let refused = 0;
    transport.publish = async (...args) => {
      if (refused < 3) {
        refused += 1;
        throw new Error('broker unreachable');
      }
      return publish(...args);
    };
    await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_flaky', customerId: 'cust_ada', items: [keyboard] });
    expect(await settled('o_flaky')).toBe('confirmed');
    expect(refused).toBe(3);
    // The confirmation itself leaves through the outbox too: it empties once the relay has caught up.
    await eventually(() => system.outbox.pending(), (n) => n === 0);
    expect(await system.inventory.available('sku_keyboard')).toBe(3);
  });
});
