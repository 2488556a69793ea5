import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCodec, MemoryBus, Outbox, RegistryClient } from '../../client/index.js';
import { AnalyticsStream } from '../../flows/analytics/index.js';
import { ConcurrencyError, EventStore, openEventDatabase } from '../../flows/event-store/index.js';
import { OrderRepository, OrderService, type PlaceOrder } from '../../flows/order/index.js';
import { OrderReadModel } from '../../flows/read-model/index.js';
import { FlowSystem } from '../../flows/runtime/index.js';
import { fakePaymentGateway, type GatewayLedger } from '../../flows/saga/index.js';
import type { SqlDriver } from '../../server/storage/sql-driver.js';
import { testBackends, type TestBackend } from '../support/databases.js';
import type { TestRegistry } from '../support/registry.js';
import { FaultInjector, faultyDatabase, faultyTransport, InjectedFault, type FaultKind } from './support/fault-injector.js';
import { eventually, registryWithContracts } from './support/flow-world.js';
import { ServicesSupervisor } from './support/services-supervisor.js';
import { sqlGatewayLedger } from './support/sql-payment-gateway.js';

// The whole system under a fault injector: every transaction, publish and delivery may fail or lose
// its reply. On PostgreSQL + NATS the services run in a child process that is SIGKILLed for real at
// injected points and started again; on PGlite + the memory bus (both inside the test's process)
// the services are closed and reopened instead. After recovery the books must balance.
// CHAOS_ORDERS sets the orders of both runs, CHAOS_KILLS the real kills (the bench runs longer).
const ORDERS = Number(process.env.CHAOS_ORDERS ?? 500);
const KILLS = Number(process.env.CHAOS_KILLS ?? 4);
const PROBABILITY = 0.05;
/** Waits and time limits grow with the orders (the bench's longer run). */
const scale = Math.max(1, ORDERS / 500);
// Deliveries are fewer than transactions: they fail more often, so every kind is exercised.
const overrides: Partial<Record<FaultKind, number>> = { 'handler crashes before running': 0.1, 'handler ack lost (redelivered)': 0.1 };
const prices: Record<string, number> = { sku_a: 10, sku_b: 25, sku_c: 40 };
const stockFor = (orders: number) => ({ sku_a: Math.ceil(orders * 1.2), sku_b: Math.ceil(orders * 0.6), sku_c: Math.ceil(orders * 0.3) });
const declineCustomers = ['cust_declined'];
const thrown: FaultKind[] = [
  'transaction fails before its work',
  'crash before commit',
  'reply lost after commit',
  'publish fails',
  'publish acknowledgement lost',
  'handler crashes before running',
  'handler ack lost (redelivered)',
];

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

/** The storefront: ORDERS orders in rounds of 10 at once, a fifth of them cancelled by their customer soon after. */
async function placeOrders(orders: OrderService, random: () => number, betweenRounds: (placed: number) => Promise<void>): Promise<PlaceOrder[]> {
  const placed: PlaceOrder[] = [];
  const regions = ['eu-west', 'us-east', 'ap-south', 'sa-east'];
  const skus = Object.keys(prices);
  for (let i = 0; i < ORDERS; i += 10) {
    await betweenRounds(i);
    await Promise.all(
      Array.from({ length: Math.min(10, ORDERS - i) }, async (_, k) => {
        const n = i + k;
        const items = [...new Set([skus[Math.floor(random() * 3)], skus[Math.floor(random() * 3)]])].map((productId) => ({
          productId,
          quantity: 1 + Math.floor(random() * 3),
          unitPrice: prices[productId],
        }));
        const order: PlaceOrder = {
          type: 'PlaceOrder',
          orderId: `chaos-${n}`,
          customerId: random() < 0.1 ? declineCustomers[0] : `cust_${n % 23}`,
          items,
          region: regions[n % regions.length],
        };
        placed.push(order);
        await persist(() => orders.handle(order, { source: 'storefront' }));
        if (random() < 0.2) {
          await new Promise((resolve) => setTimeout(resolve, random() * 50));
          await persist(() => orders.handle({ type: 'CancelOrder', orderId: order.orderId, reason: 'customer changed their mind', cancelledBy: 'customer' }, { source: 'storefront' }));
        }
      }),
    );
  }
  return placed;
}

/** Orders with a terminal event, and work still open (unpublished events, stock or money a cancelled order holds). */
async function progress(raw: SqlDriver): Promise<{ terminal: number; unsettled: number }> {
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
}

/**
 * Faults continue while most sagas run their course (and `faultsDone` says every planned fault
 * happened, at most 20 s per 500 orders); then `recover` ends them and everything must settle.
 */
async function runToTheEnd(raw: SqlDriver, recover: () => Promise<void>, faultsDone: () => boolean = () => true): Promise<void> {
  await eventually(() => progress(raw), (t) => t.terminal >= ORDERS * 0.8 && faultsDone(), 20_000 * scale).catch(() => undefined);
  await recover();
  await eventually(() => progress(raw), (t) => t.terminal === ORDERS && t.unsettled === 0, 60_000 * scale).catch(async (error: Error) => {
    throw new Error(`${error.message}; unsettled: ${JSON.stringify(await unsettledDetail(raw))}`);
  });
}

/** What `progress` counts as unsettled, row by row: for the failure message. */
async function unsettledDetail(raw: SqlDriver): Promise<unknown> {
  const { rows: outbox } = await raw.query("SELECT id, subject, attempts, last_error, envelope->>'eventId' AS event_id FROM charter_outbox WHERE published_at IS NULL");
  const { rows: held } = await raw.query(
    "SELECT r.* FROM inventory_reservations r WHERE r.status = 'reserved' AND EXISTS (SELECT 1 FROM flow_events e WHERE e.stream_id = 'order-' || r.order_id AND e.event_type = 'OrderCancelled')",
  );
  const { rows: charged } = await raw.query(
    "SELECT p.* FROM payments p WHERE p.status = 'charged' AND EXISTS (SELECT 1 FROM flow_events e WHERE e.stream_id = 'order-' || p.order_id AND e.event_type = 'OrderCancelled')",
  );
  const orders = [...held, ...charged].map((r) => (r as { order_id: string }).order_id);
  const { rows: history } = await raw.query("SELECT stream_id, event_type, metadata->>'source' AS source FROM flow_events WHERE stream_id = ANY($1::text[]) ORDER BY global_position", [orders.map((o) => `order-${o}`)]);
  const { rows: sent } = await raw.query(
    "SELECT id, subject, published_at IS NOT NULL AS published, envelope->'metadata'->>'source' AS source FROM charter_outbox WHERE envelope->'data'->>'orderId' = ANY($1::text[]) ORDER BY id",
    [orders],
  );
  const { rows: inbox } = await raw.query(
    "SELECT i.consumer, o.subject FROM charter_inbox i JOIN charter_outbox o ON o.message_id = i.message_id WHERE o.envelope->'data'->>'orderId' = ANY($1::text[]) ORDER BY o.id",
    [orders],
  );
  return { outbox, held, charged, history, sent, inbox };
}

interface Books {
  raw: SqlDriver;
  placed: PlaceOrder[];
  /** Fault-free access to the orders. */
  orders: OrderService;
  openingStock: Record<string, number>;
  ledger: Pick<GatewayLedger, 'charges' | 'refunded'>;
  readModel: OrderReadModel;
  analytics: AnalyticsStream;
}

/** Every order terminal and each event once; stock conserved; money right; read model and analytics equal to the log. Returns confirmed and cancelled counts. */
async function checkBooks({ raw, placed, orders, openingStock, ledger, readModel, analytics }: Books): Promise<{ confirmed: number; cancelled: number }> {
  expect(placed).toHaveLength(ORDERS);
  const clean = await EventStore.open(raw);
  const status = new Map<string, string>();
  const truth = new Map<string, { orders: number; revenue: number }>();
  for (const order of placed) {
    const types = (await clean.readStream(`order-${order.orderId}`)).map((e) => e.eventType);
    // Each event happened once: one placement, at most one confirmation, at most one cancellation.
    expect(types.filter((t) => t === 'OrderPlaced')).toHaveLength(1);
    expect(types.filter((t) => t === 'OrderConfirmed').length).toBeLessThanOrEqual(1);
    expect(types.filter((t) => t === 'OrderCancelled').length).toBeLessThanOrEqual(1);
    const state = await orders.get(order.orderId);
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
  const { rows: shelf } = await raw.query<{ product_id: string; available: number }>('SELECT product_id, available FROM inventory_stock');
  for (const [sku, opening] of Object.entries(openingStock)) {
    const held = holding.flatMap((r) => r.items).filter((i) => i.productId === sku).reduce((n, i) => n + i.quantity, 0);
    expect(shelf.find((s) => s.product_id === sku)?.available, `stock of ${sku}`).toBe(opening - held);
  }

  // Money: each order charged at most once, every cancelled order's charge refunded, and the
  // processor's net takings equal the confirmed orders' totals.
  const chargedOrders = [...ledger.charges.values()].map((c) => c.orderId);
  expect(new Set(chargedOrders).size).toBe(chargedOrders.length);
  expect(new Set(ledger.refunded).size).toBe(ledger.refunded.length);
  const refundedOrders = new Set(ledger.refunded.map((id) => ledger.charges.get(id)!.orderId));
  for (const order of cancelled) if (chargedOrders.includes(order.orderId)) expect(refundedOrders.has(order.orderId), `${order.orderId} refunded`).toBe(true);
  for (const order of confirmed) expect(chargedOrders.includes(order.orderId) && !refundedOrders.has(order.orderId), `${order.orderId} charged`).toBe(true);
  const cents = (n: number) => Math.round(n * 100);
  const net = [...ledger.charges].filter(([id]) => !ledger.refunded.includes(id)).reduce((sum, [, c]) => sum + cents(c.amount), 0);
  expect(net).toBe([...truth.values()].reduce((sum, t) => sum + t.revenue, 0));

  // The read model (followed through every fault) equals the aggregates and a clean replay.
  await readModel.catchUp();
  for (const order of placed) expect((await readModel.queries.byId(order.orderId))?.status, order.orderId).toBe(status.get(order.orderId));
  const followed = await readModel.queries.all();
  await readModel.rebuild();
  expect(await readModel.queries.all()).toEqual(followed);

  // Analytics (resumed across restarts, batches failing mid-way) equal the ground truth from the log.
  await analytics.catchUp();
  const expected = [...truth].sort(([a], [b]) => (a < b ? -1 : 1)).map(([region, t]) => ({ region, orders: t.orders, revenue: t.revenue / 100 }));
  expect((await analytics.metrics()).totals()).toEqual(expected);
  return { confirmed: confirmed.length, cancelled: cancelled.length };
}

const freshSeed = () => (Date.now() ^ (Math.random() * 2 ** 31)) >>> 0;
const report = (counts: Map<string, number>) => [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, n]) => `${kind}: ${n}`).join(', ');

// One registry for the file: pushing every contract is the slowest part of the set-up.
let registry: TestRegistry;
beforeAll(async () => {
  registry = await registryWithContracts();
});
afterAll(() => registry?.close());

// PGlite always; PostgreSQL with the memory bus only when NATS is not configured.
const inProcess: TestBackend[] = testBackends.filter((b) => b.name === 'pglite' || !process.env.NATS_URL);

describe.each(inProcess)('the order flows under injected faults on $name + memory bus, restarted in process', (database) => {
  it(`brings ${ORDERS} orders to an exact, balanced end`, async () => {
    const seed = freshSeed();
    console.log(`chaos on ${database.name} + memory bus: seed ${seed}, ${ORDERS} orders, p = ${PROBABILITY}`);
    const faults = new FaultInjector(seed, PROBABILITY, overrides);
    const created = await database.create();
    const raw: SqlDriver = await openEventDatabase(created.store);
    const db = faultyDatabase(raw, faults);
    const bus = new MemoryBus({ ackWaitMs: 300 });
    const gateway = fakePaymentGateway({ declineCustomers });
    const openingStock = stockFor(ORDERS);
    let deadLetters = 0;

    const start = async () => {
      const system = await FlowSystem.start({
        registryUrl: registry.url,
        transport: faultyTransport(bus.connect(), faults),
        database: db,
        stock: openingStock,
        gateway,
        relay: { pollMs: 100, backoffMs: 10, maxBackoffMs: 200 },
        choreography: { retryDelayMs: 10, maxDeliveries: 60, onError: (_e, c) => void (c.action === 'dead-letter' && deadLetters++) },
      });
      await system.startChoreography();
      system.readModel.follow();
      return { system, analytics: await system.analytics({ windowMs: 60_000 }) };
    };
    let running = await start();
    const restart = async () => {
      faults.count('process restart');
      await running.system.close();
      running = await start();
    };

    try {
      const restartAt = new Set([Math.floor(ORDERS / 30) * 10, Math.floor((ORDERS * 2) / 30) * 10]);
      const placed = await placeOrders(
        { handle: (c, m) => running.system.orders.handle(c, m) } as OrderService,
        () => faults.random(),
        async (i) => {
          if (i > 0 && restartAt.has(i)) await restart();
          if (i % 50 === 0) await running.analytics.catchUp().catch(() => undefined);
        },
      );
      await runToTheEnd(raw, async () => {
        faults.enabled = false;
        await restart();
      });
      const books = await checkBooks({ raw, placed, orders: running.system.orders, openingStock, ledger: gateway, readModel: running.system.readModel, analytics: running.analytics });
      expect(deadLetters).toBe(0);
      console.log(`chaos on ${database.name} + memory bus: ${books.confirmed} confirmed, ${books.cancelled} cancelled; faults injected: ${report(faults.counts)}`);
      for (const kind of [...thrown, 'process restart' as const]) expect(faults.counts.get(kind) ?? 0, kind).toBeGreaterThan(0);
    } finally {
      await running.system.close();
      await raw.close();
      await created.drop();
    }
  }, 150_000 * scale);
});

const postgres = testBackends.find((b) => b.name === 'postgres');
const natsUrl = process.env.NATS_URL;

describe.runIf(postgres !== undefined && natsUrl !== undefined)('the order flows under injected faults on postgres + NATS JetStream, services SIGKILLed in a child process', () => {
  it(`brings ${ORDERS} orders to an exact, balanced end through ${KILLS} real kills`, async () => {
    const seed = freshSeed();
    console.log(`chaos on postgres + NATS JetStream (services in a child process): seed ${seed}, ${ORDERS} orders, p = ${PROBABILITY}, ${KILLS} SIGKILLs`);
    const created = await postgres!.create();
    const raw = await openEventDatabase(created.store);
    const id = randomUUID().replace(/-/g, '');
    const nats = { servers: natsUrl!, stream: `CHARTER_CHAOS_${id}`, prefix: `c${id}.` };
    const dir = mkdtempSync(join(tmpdir(), 'charter-chaos-'));
    const openingStock = stockFor(ORDERS);
    const storefrontFaults = new FaultInjector(seed, PROBABILITY);
    const supervisor = new ServicesSupervisor(
      {
        databaseUrl: (created.store as { databaseUrl: string }).databaseUrl,
        nats,
        registryUrl: registry.url,
        stock: openingStock,
        seed: (seed * 31 + 1) >>> 0,
        probability: PROBABILITY,
        overrides,
        log: join(dir, 'faults.log'),
        declineCustomers,
      },
      KILLS,
      (() => {
        const timing = new FaultInjector((seed ^ 0x5bd1e995) >>> 0, 0);
        return () => timing.random();
      })(),
    );

    try {
      // The first incarnation creates the tables and seeds the stock; then the storefront opens.
      const t0 = Date.now();
      await supervisor.start();
      const t1 = Date.now();
      // The services process made the tables; opening them here changes nothing (and locks nothing).
      const store = await EventStore.open(raw);
      const codec = new EventCodec({ registry: new RegistryClient({ url: registry.url }), source: 'storefront' });
      const outbox = await Outbox.open(raw);
      const repository = new OrderRepository(store, codec);
      const storefront = new OrderService({ repository, db: faultyDatabase(raw, storefrontFaults), outbox });
      const placed = await placeOrders(storefront, () => storefrontFaults.random(), async () => undefined);
      const t2 = Date.now();
      let t3 = 0;
      await runToTheEnd(raw, async () => {
        t3 = Date.now();
        storefrontFaults.enabled = false;
        await supervisor.recover();
      }, () => supervisor.kills >= KILLS);
      const t4 = Date.now();
      await supervisor.stop();
      console.log(`timings: first start ${t1 - t0} ms, placing ${t2 - t1} ms, faulty settling ${t3 - t2} ms, recovery ${t4 - t3} ms`);

      // The books, read by a process that was never killed.
      const books = await checkBooks({
        raw,
        placed,
        orders: new OrderService({ repository, db: raw, outbox }),
        openingStock,
        ledger: await sqlGatewayLedger(raw),
        readModel: await OrderReadModel.open(store, codec),
        analytics: await AnalyticsStream.open(store, codec, outbox, { windowMs: 60_000 }),
      });
      const counts = supervisor.faultCounts();
      const deadLetters = counts.get('dead letter') ?? 0;
      counts.delete('dead letter');
      for (const [kind, n] of storefrontFaults.counts) counts.set(kind, (counts.get(kind) ?? 0) + n);
      console.log(
        `chaos on postgres + NATS JetStream: ${books.confirmed} confirmed, ${books.cancelled} cancelled; ${supervisor.starts} services processes, ${supervisor.kills} killed; faults injected: ${report(counts)}`,
      );
      expect(supervisor.crashes).toEqual([]);
      expect(deadLetters).toBe(0);
      for (const kind of thrown) expect(counts.get(kind) ?? 0, kind).toBeGreaterThan(0);
      const killedAtPoints = [...counts].filter(([kind]) => kind.startsWith('SIGKILL ') && !kind.includes('supervisor')).reduce((n, [, k]) => n + k, 0);
      expect(killedAtPoints, 'processes SIGKILLed at an injected point').toBeGreaterThanOrEqual(Math.min(KILLS, 3));
    } finally {
      await supervisor.stop().catch(() => undefined);
      await raw.close();
      const nc = await connect({ servers: natsUrl! });
      await (await nc.jetstreamManager()).streams.delete(nats.stream).catch(() => false);
      await nc.close();
      await created.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000 * scale);
});
