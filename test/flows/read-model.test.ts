import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderPlacedV1_0_0Event } from '../../flows/generated/index.js';
import { orderStreamId } from '../../flows/order/index.js';
import { OrderSummaryProjection } from '../../flows/read-model/index.js';
import type { FlowSystem } from '../../flows/runtime/index.js';
import type { TestRegistry } from '../support/registry.js';
import { flowBackends, registryWithContracts, startFlowSystem } from './support/flow-world.js';

const lamp = { productId: 'sku_lamp', quantity: 2, unitPrice: 15 };

describe.each(flowBackends().filter((b) => b.transport.name === 'memory bus'))('the order summaries read model on $name', (backend) => {
  let registry: TestRegistry;
  let system: FlowSystem;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    registry = await registryWithContracts();
    ({ system, dispose } = await startFlowSystem(registry.url, backend));
    // given a customer with five orders in various states, another customer, and a 1.0.0 order
    for (let i = 1; i <= 5; i++) await system.orders.handle({ type: 'PlaceOrder', orderId: `o_page_${i}`, customerId: 'cust_pager', items: [lamp], region: 'eu-west' });
    await system.orders.handle({ type: 'ConfirmOrder', orderId: 'o_page_2', paymentId: 'pay_2' });
    await system.orders.handle({ type: 'ShipOrder', orderId: 'o_page_2', trackingNumber: 'TRK2', carrier: 'UPS' });
    await system.orders.handle({ type: 'CancelOrder', orderId: 'o_page_4', reason: 'changed my mind' });
    await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_other', customerId: 'cust_other', items: [lamp] });
    const legacy = await system.codec.encode(OrderPlacedV1_0_0Event.subject, { orderId: 'o_old', customerId: 'cust_pager', totalAmount: 12.5 }, { version: '1.0.0', timestamp: '2020-01-01T00:00:00.000Z' });
    await system.store.append(orderStreamId('o_old'), [legacy], { expectedVersion: 0 });
    await system.readModel.catchUp();
  });
  afterAll(async () => {
    await dispose();
    await registry.close();
  });

  it('shows each order with its latest status', async () => {
    expect(await system.readModel.queries.byId('o_page_2')).toMatchObject({ status: 'shipped', statusNote: 'UPS TRK2', total: 30, itemCount: 2, region: 'eu-west' });
    expect(await system.readModel.queries.byId('o_page_4')).toMatchObject({ status: 'cancelled', statusNote: 'changed my mind' });
    expect(await system.readModel.queries.byId('o_page_1')).toMatchObject({ status: 'placed' });
  });

  it('projects a 1.0.0 order through the upcaster', async () => {
    expect(await system.readModel.queries.byId('o_old')).toMatchObject({ customerId: 'cust_pager', currency: 'USD', total: 12.5, itemCount: 1, region: null, placedAt: '2020-01-01T00:00:00.000Z' });
  });

  it('pages a customer’s orders newest first, without repeats or gaps', async () => {
    const pages: string[][] = [];
    let after: string | undefined;
    do {
      const page = await system.readModel.queries.byCustomer('cust_pager', { limit: 2, after });
      pages.push(page.orders.map((o) => o.orderId));
      after = page.next;
    } while (after !== undefined);
    expect(pages).toEqual([['o_page_5', 'o_page_4'], ['o_page_3', 'o_page_2'], ['o_page_1', 'o_old']]);
  });

  it('rebuilds from the event store to the same rows', async () => {
    const before = await system.readModel.queries.all();
    const replayed = await system.readModel.rebuild();
    expect(replayed).toBeGreaterThanOrEqual(10);
    expect(await system.readModel.queries.all()).toEqual(before);
  });

  it('follows new events while running', async () => {
    system.readModel.follow();
    await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_live', customerId: 'cust_other', items: [lamp] });
    await expect.poll(() => system.readModel.queries.byId('o_live'), { timeout: 10_000 }).toMatchObject({ status: 'placed' });
    await system.readModel.stop();
  });

  it('never moves a row back when an older event is applied again', async () => {
    const history = await system.store.readStream(orderStreamId('o_page_2'));
    const confirmed = history.find((e) => e.eventType === 'OrderConfirmed')!;
    await system.store.db.transaction((tx) => new OrderSummaryProjection(system.codec).apply([confirmed], tx));
    expect(await system.readModel.queries.byId('o_page_2')).toMatchObject({ status: 'shipped', statusNote: 'UPS TRK2' });
  });

  it('keeps following after a rebuild swapped the shadow table in', async () => {
    system.readModel.follow();
    try {
      await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_before_rebuild', customerId: 'cust_other', items: [lamp] });
      const replayed = await system.readModel.rebuild();
      expect(replayed).toBeGreaterThanOrEqual(11);
      expect(await system.readModel.queries.byId('o_before_rebuild')).toMatchObject({ status: 'placed' });
      await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_after_rebuild', customerId: 'cust_other', items: [lamp] });
      await expect.poll(() => system.readModel.queries.byId('o_after_rebuild'), { timeout: 10_000 }).toMatchObject({ status: 'placed' });
      const { rows } = await system.store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'order_summaries_next'");
      expect(rows[0].n).toBe(0);
    } finally {
      await system.readModel.stop();
    }
  });
});
