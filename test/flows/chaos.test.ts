import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus, NatsTransport, type Transport } from '../../client/index.js';
import type { AnalyticsStream } from '../../flows/analytics/index.js';
import { ConcurrencyError, EventStore, openEventDatabase } from '../../flows/event-store/index.js';
import type { PlaceOrder } from '../../flows/order/index.js';
import { FlowSystem } from '../../flows/runtime/index.js';
import { fakePaymentGateway } from '../../flows/saga/index.js';
import type { SqlDriver } from '../../server/storage/sql-driver.js';
import { testBackends } from '../support/databases.js';
import type { TestRegistry } from '../support/registry.js';
import { FaultInjector, faultyDatabase, faultyTransport, InjectedFault, type FaultKind } from './support/fault-injector.js';
import { eventually, registryWithContracts } from './support/flow-world.js';

// The whole system under a fault injector: every transaction, publish and delivery may fail or
// lose its reply, and the process restarts twice mid-run. After recovery the books must balance.
// PGlite is single-connection WASM and several times slower: fewer orders there. CHAOS_ORDERS sets both.
const ordersOn = (database: string) => Number(process.env.CHAOS_ORDERS ?? (database === 'postgres' ? 300 : 120));
const PROBABILITY = 0.05;
const prices: Record<string, number> = { sku_a: 10, sku_b: 25, sku_c: 40 };
const stockFor = (orders: number) => ({ sku_a: Math.ceil(orders * 1.2), sku_b: Math.ceil(orders * 0.6), sku_c: Math.ceil(orders * 0.3) });
const allKinds: FaultKind[] = [
  'transaction fails before its work',
  'crash before commit',
  'reply lost after commit',
  'publish fails',
  'publish acknowledgement lost',
  'handler crashes before running',
  'handler ack lost (redelivered)',
  'process restart',
];

interface Bus {
  name: string;
  connect(): Promise<Transport>;
  dispose(): Promise<void>;
}

function buses(): Bus[] {
  const memory = (): Bus => {
    const bus = new MemoryBus({ ackWaitMs: 300 });
    return { name: 'memory bus', connect: async () => bus.connect(), dispose: async () => undefined };
  };
  const nats = (servers: string): Bus => {
    const id = randomUUID().replace(/-/g, '');
    const stream = `CHARTER_CHAOS_${id}`;
    return {
      name: 'NATS JetStream',
      connect: () => NatsTransport.connect({ servers, stream, prefix: `c${id}.`, ackWaitMs: 1_000, resubscribeDelayMs: 50, onError: () => undefined }),
      async dispose() {
        const nc = await connect({ servers });
        await (await nc.jetstreamManager()).streams.delete(stream).catch(() => false);
        await nc.close();
      },
    };
  };
  return [memory(), ...(process.env.NATS_URL ? [nats(process.env.NATS_URL)] : [])];
}

// PGlite with the memory bus; PostgreSQL with NATS (and with the memory bus when NATS is absent).
const combinations = () => {
  const [memory, nats] = buses();
  return testBackends.map((database) => ({ database, bus: database.name === 'postgres' && nats !== undefined ? nats : memory }));
};

/** Retries a storefront command until it gets an answer: the client's side of at-least-once. */
async function persist<T>(command: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await command();
    } catch (error) {
      if (!(error instanceof InjectedFault) && !(error instanceof ConcurrencyError)) throw error;
    }
  }
}

// One registry for the file: pushing every contract is the slowest part of the set-up.
let registry: TestRegistry;
beforeAll(async () => {
  registry = await registryWithContracts();
});
afterAll(() => registry?.close());

describe.each(combinations())('the order flows under injected faults on $database.name + $bus.name', ({ database, bus }) => {
  const ORDERS = ordersOn(database.name);
  const openingStock = stockFor(ORDERS);

  it(`brings ${ORDERS} orders to an exact, balanced end`, async () => {
    const seed = (Date.now() ^ (Math.random() * 2 ** 31)) >>> 0;
    console.log(`chaos on ${database.name} + ${bus.name}: seed ${seed}, ${ORDERS} orders, p = ${PROBABILITY}`);
    // Deliveries are fewer than transactions: they fail more often, so every kind is exercised.
    const faults = new FaultInjector(seed, PROBABILITY, { 'handler crashes before running': 0.1, 'handler ack lost (redelivered)': 0.1 });
    const created = await database.create();
    const raw: SqlDriver = await openEventDatabase(created.store);
    const db = faultyDatabase(raw, faults);
    const gateway = fakePaymentGateway({ declineCustomers: ['cust_declined'] });
    let deadLetters = 0;

    const start = async () => {
      const system = await FlowSystem.start({
        registryUrl: registry.url,
        transport: faultyTransport(await bus.connect(), faults),
        database: db,
        stock: openingStock,
        gateway,
        relay: { pollMs: 100, backoffMs: 10, maxBackoffMs: 200 },
        choreography: { retryDelayMs: 10, maxDeliveries: 60, onError: (_e, c) => void (c.action === 'dead-letter' && deadLetters++) },
      });
      await system.startChoreography();
      system.readModel.follow();
      return system;
    };
    let system = await start();
    let analytics: AnalyticsStream = await system.analytics({ windowMs: 60_000 });
    const restart = async () => {
      faults.count('process restart');
      await system.close();
      system = await start();
      analytics = await system.analytics({ windowMs: 60_000 });
    };

    try {
      // ---- the run: orders placed (some cancelled by their customer) while everything fails now and then
      const placed: PlaceOrder[] = [];
      const regions = ['eu-west', 'us-east', 'ap-south', 'sa-east'];
      const skus = Object.keys(prices);
      const restartAt = new Set([Math.floor(ORDERS / 30) * 10, Math.floor((ORDERS * 2) / 30) * 10]);
      for (let i = 0; i < ORDERS; i += 10) {
        if (i > 0 && restartAt.has(i)) await restart();
        await Promise.all(
          Array.from({ length: Math.min(10, ORDERS - i) }, async (_, k) => {
            const n = i + k;
            const items = [...new Set([skus[Math.floor(faults.random() * 3)], skus[Math.floor(faults.random() * 3)]])].map((productId) => ({
              productId,
              quantity: 1 + Math.floor(faults.random() * 3),
              unitPrice: prices[productId],
            }));
            const order: PlaceOrder = {
              type: 'PlaceOrder',
              orderId: `chaos-${n}`,
              customerId: faults.random() < 0.1 ? 'cust_declined' : `cust_${n % 23}`,
              items,
              region: regions[n % regions.length],
            };
            placed.push(order);
            await persist(() => system.orders.handle(order, { source: 'storefront' }));
            if (faults.random() < 0.2) {
              await new Promise((resolve) => setTimeout(resolve, faults.random() * 50));
              await persist(() => system.orders.handle({ type: 'CancelOrder', orderId: order.orderId, reason: 'customer changed their mind', cancelledBy: 'customer' }, { source: 'storefront' }));
            }
          }),
        );
        await analytics.catchUp().catch(() => undefined);
      }

      const terminal = async () => {
        const { rows } = await raw.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM (SELECT stream_id FROM flow_events WHERE stream_id LIKE 'order-chaos-%' GROUP BY stream_id
             HAVING bool_or(event_type IN ('OrderConfirmed', 'OrderCancelled'))) t`,
        );
        const { rows: open } = await raw.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM charter_outbox WHERE published_at IS NULL)
                + (SELECT count(*) FROM inventory_reservations r JOIN flow_events e ON e.stream_id = 'order-' || r.order_id AND e.event_type = 'OrderCancelled' WHERE r.status = 'reserved')
                + (SELECT count(*) FROM payments p JOIN flow_events e ON e.stream_id = 'order-' || p.order_id AND e.event_type = 'OrderCancelled' WHERE p.status = 'charged') AS n`,
        );
        return { terminal: rows[0].n, unsettled: Number(open[0].n) };
      };
      // Faults continue while most of the sagas run their course...
      await eventually(terminal, (t) => t.terminal >= ORDERS * 0.8, 40_000).catch(() => undefined);
      // ---- recovery: no more faults, one more restart, then wait for the system to settle
      faults.enabled = false;
      await restart();
      await eventually(terminal, (t) => t.terminal === ORDERS && t.unsettled === 0, 40_000);
      await system.readModel.catchUp();
      await analytics.catchUp();

      // ---- the books
      const clean = await EventStore.open(raw);
      const status = new Map<string, string>();
      const truth = new Map<string, { orders: number; revenue: number }>();
      for (const order of placed) {
        const stream = await clean.readStream(`order-${order.orderId}`);
        const types = stream.map((e) => e.eventType);
        // Each event happened once: one placement, at most one confirmation, at most one cancellation.
        expect(types.filter((t) => t === 'OrderPlaced')).toHaveLength(1);
        expect(types.filter((t) => t === 'OrderConfirmed').length).toBeLessThanOrEqual(1);
        expect(types.filter((t) => t === 'OrderCancelled').length).toBeLessThanOrEqual(1);
        const state = await system.orders.get(order.orderId);
        status.set(order.orderId, state.status);
        expect(['confirmed', 'cancelled']).toContain(state.status);
        if (state.status === 'confirmed') {
          const t = truth.get(order.region!) ?? { orders: 0, revenue: 0 };
          t.orders += 1;
          t.revenue += Math.round(state.total * 100);
          truth.set(order.region!, t);
        }
      }
      const confirmed = placed.filter((o) => status.get(o.orderId) === 'confirmed');
      const cancelled = placed.filter((o) => status.get(o.orderId) === 'cancelled');

      // Stock is conserved: what is on the shelf plus what confirmed orders hold is what there was.
      const { rows: reservations } = await raw.query<{ order_id: string; items: Array<{ productId: string; quantity: number }>; status: string }>('SELECT order_id, items, status FROM inventory_reservations');
      const holding = reservations.filter((r) => r.status === 'reserved');
      expect(holding.map((r) => r.order_id).sort()).toEqual(confirmed.map((o) => o.orderId).sort());
      for (const [sku, opening] of Object.entries(openingStock)) {
        const held = holding.flatMap((r) => r.items).filter((i) => i.productId === sku).reduce((n, i) => n + i.quantity, 0);
        expect(await system.inventory.available(sku), `stock of ${sku}`).toBe(opening - held);
      }

      // Money: each order charged at most once, every cancelled order's charge refunded, and the
      // processor's net takings equal the confirmed orders' totals.
      const chargedOrders = [...gateway.charges.values()].map((c) => c.orderId);
      expect(new Set(chargedOrders).size).toBe(chargedOrders.length);
      expect(new Set(gateway.refunded).size).toBe(gateway.refunded.length);
      const refundedOrders = new Set(gateway.refunded.map((id) => gateway.charges.get(id)!.orderId));
      for (const order of cancelled) if (chargedOrders.includes(order.orderId)) expect(refundedOrders.has(order.orderId), `${order.orderId} refunded`).toBe(true);
      for (const order of confirmed) expect(chargedOrders.includes(order.orderId) && !refundedOrders.has(order.orderId), `${order.orderId} charged`).toBe(true);
      const cents = (n: number) => Math.round(n * 100);
      const net = [...gateway.charges].filter(([id]) => !gateway.refunded.includes(id)).reduce((sum, [, c]) => sum + cents(c.amount), 0);
      const owed = [...truth.values()].reduce((sum, t) => sum + t.revenue, 0);
      expect(net).toBe(owed);

      // The read model (followed through every fault) equals the aggregates and a clean replay.
      for (const order of placed) expect((await system.readModel.queries.byId(order.orderId))?.status, order.orderId).toBe(status.get(order.orderId));
      const followed = await system.readModel.queries.all();
      await system.readModel.rebuild();
      expect(await system.readModel.queries.all()).toEqual(followed);

      // Analytics (resumed across restarts, batches failing mid-way) equal the ground truth from the log.
      const totals = (await analytics.metrics()).totals();
      const expected = [...truth].sort(([a], [b]) => (a < b ? -1 : 1)).map(([region, t]) => ({ region, orders: t.orders, revenue: t.revenue / 100 }));
      expect(totals).toEqual(expected);

      expect(deadLetters).toBe(0);
      const report = allKinds.map((kind) => `${kind}: ${faults.counts.get(kind) ?? 0}`).join(', ');
      console.log(`chaos on ${database.name} + ${bus.name}: ${confirmed.length} confirmed, ${cancelled.length} cancelled; faults injected: ${report}`);
      for (const kind of allKinds) expect(faults.counts.get(kind) ?? 0, kind).toBeGreaterThan(0);
    } finally {
      await system.close();
      await raw.close();
      await bus.dispose();
      await created.drop();
    }
  }, 120_000);
});
