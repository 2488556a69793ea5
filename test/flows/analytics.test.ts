import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsStream, OrderMetrics } from '../../flows/analytics/index.js';
import { EventStore } from '../../flows/event-store/index.js';
import { OrderCancelledV1Event, OrderPlacedV1_0_0Event, OrderPlacedV2Event, type OrderPlacedV2 } from '../../flows/generated/index.js';
import { orderStreamId } from '../../flows/order/index.js';
import type { FlowSystem } from '../../flows/runtime/index.js';
import type { TestRegistry } from '../support/registry.js';
import { registryWithContracts, startLocalFlowSystem } from './support/flow-world.js';

const order = (orderId: string, customerId: string, total: number, region?: string): OrderPlacedV2 => ({
  orderId,
  customerId,
  currency: 'USD',
  items: [{ productId: 'sku', quantity: 1, unitPrice: total }],
  pricing: { subtotal: total, tax: 0, discount: 0, total },
  ...(region === undefined ? {} : { region }),
});
const at = (minute: number, second = 0) => new Date(Date.UTC(2024, 0, 15, 10, minute, second)).toISOString();

describe('order analytics', () => {
  it('counts orders and revenue per region in windows of event time, closed as event time passes them', () => {
    const metrics = new OrderMetrics({ windowMs: 60_000 });
    expect(metrics.onOrderPlaced(order('o1', 'ada', 10.1, 'eu'), at(0, 5))).toEqual([]);
    expect(metrics.onOrderPlaced(order('o2', 'bob', 20.2, 'us'), at(0, 50))).toEqual([]);
    expect(metrics.onOrderPlaced(order('o3', 'ada', 0.2, 'eu'), at(0, 59))).toEqual([]);
    // the first event of the next minute closes the first window
    expect(metrics.onOrderPlaced(order('o4', 'bob', 5, 'us'), at(1, 0))).toEqual([
      {
        subject: 'analytics.OrderMetricsPublished',
        data: {
          windowStart: at(0),
          windowEnd: at(1),
          regions: [
            { region: 'eu', orders: 2, revenue: 10.3 },
            { region: 'us', orders: 1, revenue: 20.2 },
          ],
          topCustomers: [
            { customerId: 'bob', orders: 1, revenue: 20.2 },
            { customerId: 'ada', orders: 2, revenue: 10.3 },
          ],
        },
      },
    ]);
    expect(metrics.flush().map((o) => o.data)).toMatchObject([{ windowStart: at(1), regions: [{ region: 'us', orders: 1, revenue: 5 }] }]);
  });

  it('accepts stragglers within the allowed lateness and drops those after it', () => {
    const metrics = new OrderMetrics({ windowMs: 60_000, allowedLatenessMs: 30_000 });
    metrics.onOrderPlaced(order('o1', 'ada', 1, 'eu'), at(0, 10));
    expect(metrics.onOrderPlaced(order('o2', 'ada', 1, 'eu'), at(1, 20))).toEqual([]); // watermark 0:50
    metrics.onOrderPlaced(order('o3', 'ada', 1, 'eu'), at(0, 40)); // late but within lateness
    const closed = metrics.onOrderPlaced(order('o4', 'ada', 1, 'eu'), at(1, 45)); // watermark 1:15
    expect(closed.map((o) => o.data)).toMatchObject([{ windowStart: at(0), regions: [{ region: 'eu', orders: 2 }] }]);
    metrics.onOrderPlaced(order('o5', 'ada', 1, 'eu'), at(0, 59)); // its window has closed
    expect(metrics.lateEvents).toBe(1);
  });

  it('detects a high-value customer once, when revenue first passes 10,000, at the event’s time', () => {
    const metrics = new OrderMetrics();
    expect(metrics.onOrderPlaced(order('o1', 'grace', 6_000), at(0))).toEqual([]);
    expect(metrics.onOrderPlaced(order('o2', 'grace', 4_000), at(0, 1))).toEqual([]); // exactly 10,000 is not past it
    const crossing = metrics.onOrderPlaced(order('o3', 'grace', 0.01), at(0, 2));
    expect(crossing).toEqual([
      { subject: 'analytics.HighValueCustomerDetected', data: { customerId: 'grace', totalRevenue: 10_000.01, totalOrders: 3, threshold: 10_000, detectedAt: at(0, 2) } },
    ]);
    expect(metrics.onOrderPlaced(order('o4', 'grace', 500), at(0, 3))).toEqual([]);
    expect(metrics.topCustomers(1)).toEqual([{ customerId: 'grace', orders: 4, revenue: 10_500.01 }]);
  });

  it('gives the same outputs for the same events, whatever the wall clock says', () => {
    const events = Array.from({ length: 200 }, (_, i) => ({ order: order(`o${i}`, `c${i % 7}`, (i * 37) % 900, ['eu', 'us', 'apac'][i % 3]), time: at(Math.floor(i / 9), i % 60) }));
    const run = () => {
      const m = new OrderMetrics({ windowMs: 120_000, allowedLatenessMs: 10_000 });
      return [...events.flatMap((e) => m.onOrderPlaced(e.order, e.time)), ...m.flush()];
    };
    const first = run();
    expect(first.some((o) => o.subject === 'analytics.HighValueCustomerDetected')).toBe(true);
    expect(run()).toEqual(first);
  });

  it('takes a cancellation out of its open window and of the totals; a closed window stays as published', () => {
    const metrics = new OrderMetrics({ windowMs: 60_000 });
    metrics.onOrderPlaced(order('o1', 'ada', 10, 'eu'), at(0, 5));
    metrics.onOrderPlaced(order('o2', 'bob', 20, 'eu'), at(0, 6));
    expect(metrics.onOrderCancelled('o2', at(0, 30))).toEqual([]);
    expect(metrics.onOrderCancelled('o2', at(0, 31))).toEqual([]); // a repeat changes nothing
    const [closed] = metrics.onOrderPlaced(order('o3', 'ada', 5, 'us'), at(1, 0));
    expect(closed.data).toMatchObject({ regions: [{ region: 'eu', orders: 1, revenue: 10 }], topCustomers: [{ customerId: 'ada', orders: 1, revenue: 10 }] });
    metrics.onOrderCancelled('o1', at(1, 10)); // its window was published already
    expect(metrics.lateCancellations).toBe(1);
    expect(metrics.totals()).toEqual([{ region: 'us', orders: 1, revenue: 5 }]);
    expect(metrics.topCustomers()).toEqual([{ customerId: 'ada', orders: 1, revenue: 5 }]);
  });

  it('closes a window when the clock passes it, without waiting for another order', () => {
    const metrics = new OrderMetrics({ windowMs: 60_000 });
    metrics.onOrderPlaced(order('o1', 'ada', 10, 'eu'), at(0, 5));
    expect(metrics.advanceTo(Date.parse(at(0, 59)))).toEqual([]);
    expect(metrics.advanceTo(Date.parse(at(1, 4)), 5_000)).toEqual([]); // grace: events may still be in flight
    expect(metrics.advanceTo(Date.parse(at(1, 5)), 5_000).map((o) => o.data)).toMatchObject([{ windowStart: at(0), regions: [{ region: 'eu', orders: 1 }] }]);
  });

  it('continues from its stored state exactly as if it had never stopped', () => {
    const events = Array.from({ length: 120 }, (_, i) => ({ order: order(`o${i}`, `c${i % 5}`, (i * 53) % 700, ['eu', 'us'][i % 2]), time: at(Math.floor(i / 7), i % 60) }));
    const straight = new OrderMetrics({ windowMs: 120_000 });
    const expected = events.flatMap((e, i) => [...straight.onOrderPlaced(e.order, e.time), ...(i % 9 === 0 ? straight.onOrderCancelled(`o${i}`, e.time) : [])]);
    let resumed = new OrderMetrics({ windowMs: 120_000 });
    const got = events.flatMap((e, i) => {
      if (i % 10 === 0) resumed = new OrderMetrics({ windowMs: 120_000 }, JSON.parse(JSON.stringify(resumed.toJSON())));
      return [...resumed.onOrderPlaced(e.order, e.time), ...(i % 9 === 0 ? resumed.onOrderCancelled(`o${i}`, e.time) : [])];
    });
    expect(got).toEqual(expected);
    expect(resumed.totals()).toEqual(straight.totals());
  });

  describe('replayed from the event store', () => {
    let registry: TestRegistry;
    let system: FlowSystem;

    beforeAll(async () => {
      registry = await registryWithContracts();
      system = await startLocalFlowSystem(registry.url);
      // given a history spanning three minutes, written by the 1.0.0 and the 2.0.0 services
      const history = [
        { v: '2.0.0', id: 'o1', data: order('o1', 'grace', 6_000, 'eu-west'), time: at(0, 10) },
        { v: '1.0.0', id: 'o2', data: { orderId: 'o2', customerId: 'ada', totalAmount: 40 }, time: at(0, 20) },
        { v: '2.0.0', id: 'o3', data: order('o3', 'grace', 4_500, 'us-east'), time: at(1, 5) },
        { v: '2.0.0', id: 'o4', data: order('o4', 'ada', 60, 'eu-west'), time: at(2, 30) },
      ];
      for (const e of history) {
        const subject = e.v === '1.0.0' ? OrderPlacedV1_0_0Event.subject : OrderPlacedV2Event.subject;
        const envelope = await system.codec.encode(subject, e.data, { version: e.v, timestamp: e.time, aggregateId: e.id });
        await system.store.append(orderStreamId(e.id), [envelope], { expectedVersion: 0 });
      }
    });
    afterAll(async () => {
      await system.close();
      await registry.close();
    });

    it('derives windows, top customers and the high-value alert from history, identically on every replay', async () => {
      let run = 0;
      const replay = async () => {
        // A stream under a new name starts from the beginning of the log.
        const stream = await system.analytics({ name: `replay-${++run}`, publish: false });
        await stream.catchUp();
        await stream.flush();
        return { outputs: stream.outputs, top: (await stream.metrics()).topCustomers() };
      };
      const first = await replay();
      expect(first.outputs.map((o) => o.subject)).toEqual([
        'analytics.OrderMetricsPublished',
        'analytics.HighValueCustomerDetected',
        'analytics.OrderMetricsPublished',
        'analytics.OrderMetricsPublished',
      ]);
      expect(first.outputs[0].data).toMatchObject({ regions: [{ region: 'eu-west', orders: 1, revenue: 6000 }, { region: 'unknown', orders: 1, revenue: 40 }] });
      expect(first.outputs[1].data).toMatchObject({ customerId: 'grace', totalRevenue: 10_500, detectedAt: at(1, 5) });
      expect(first.top).toEqual([
        { customerId: 'grace', orders: 2, revenue: 10_500 },
        { customerId: 'ada', orders: 2, revenue: 100 },
      ]);
      expect(await replay()).toEqual(first);
    });

    it('counts each event once although a batch fails before its commit, and resumes from its checkpoint', async () => {
      let failNext = true;
      const db = system.store.db;
      const flaky = {
        ...db,
        transaction: <T,>(work: (tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) => Promise<T>) =>
          db.transaction(async (tx) => {
            const value = await work(tx);
            if (failNext) {
              failNext = false;
              throw new Error('crash before commit');
            }
            return value;
          }),
      };
      const flakyStore = await EventStore.open(flaky);
      const first = await AnalyticsStream.open(flakyStore, system.codec, system.outbox, { name: 'exactly-once', publish: false });
      await expect(first.catchUp()).rejects.toThrow('crash before commit');
      expect(await first.catchUp()).toBe(4);
      const totals = (await first.metrics()).totals();
      expect(totals.reduce((n, t) => n + t.orders, 0)).toBe(4);
      // A restarted stream under the same name carries on from its checkpoint: nothing is counted again.
      const restarted = await AnalyticsStream.open(system.store, system.codec, system.outbox, { name: 'exactly-once', publish: false });
      expect(await restarted.catchUp()).toBe(0);
      expect((await restarted.metrics()).totals()).toEqual(totals);
      // A cancellation arriving later comes off the totals.
      const cancel = await system.codec.encode(OrderCancelledV1Event.subject, { orderId: 'o4', reason: 'changed my mind', cancelledBy: 'customer' }, { version: OrderCancelledV1Event.semver, aggregateId: 'o4' });
      await system.store.append(orderStreamId('o4'), [cancel], { expectedVersion: 1 });
      expect(await restarted.catchUp()).toBe(1);
      expect((await restarted.metrics()).totals().find((t) => t.region === 'eu-west')).toEqual({ region: 'eu-west', orders: 1, revenue: 6000 });
    });
  });
});
