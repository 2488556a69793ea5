/**
 * Reference-flow throughput: event store appends and reads, projection catch-up, and end-to-end
 * orders per second through the choreographed saga (order → inventory → payment → order, over the
 * in-memory bus, and over NATS JetStream when NATS_URL is set), and the outbox relay's publish rate.
 * On PostgreSQL when DATABASE_URL is set (a throw-away schema), else on in-memory
 * PGlite, which is single-connection WASM and much slower: the figures say which one they are.
 * `BENCH_FLOWS_N` scales the work (default 2,000 events per case).
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { connect } from 'nats';
import pg from 'pg';
import { MemoryBus, NatsTransport, Outbox, OutboxRelay, RegistryClient, type Envelope, type Transport } from '../client/index.js';
import { pushContracts } from '../flows/contracts/push-contracts.js';
import { EventStore, logStart, openEventDatabase, type EventDatabaseOptions } from '../flows/event-store/index.js';
import { OrderConfirmedV1Event, OrderPlacedV2Event } from '../flows/generated/index.js';
import { orderStreamId } from '../flows/order/index.js';
import { FlowSystem, startEmbeddedRegistry } from '../flows/runtime/index.js';
import { fakePaymentGateway } from '../flows/saga/index.js';

const N = Number(process.env.BENCH_FLOWS_N ?? 2_000);
const rate = (count: number, ms: number) => `${Math.round((count / ms) * 1000).toLocaleString('en-US')}/s`;

/** A database for one case; PostgreSQL cases each get a fresh schema, dropped afterwards. */
async function database(): Promise<{ options: EventDatabaseOptions; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { options: { kind: 'pglite' }, drop: async () => undefined };
  const schema = `charter_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    options: { kind: 'postgres', databaseUrl: scoped.toString(), poolSize: 16 },
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

let seq = 0;
function envelope(streamId: string): Envelope {
  seq += 1;
  return {
    eventType: 'OrderConfirmed',
    eventId: `evt_bench_${seq}_${streamId}`,
    timestamp: new Date().toISOString(),
    aggregateId: streamId,
    schema: { subject: OrderConfirmedV1Event.subject, version: OrderConfirmedV1Event.semver, id: 1 },
    data: { orderId: streamId, paymentId: `pay_${seq}` },
    metadata: { correlationId: 'corr_bench', source: 'bench' },
  };
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

async function storeCases(): Promise<void> {
  const db = await database();
  const store = await EventStore.open(await openEventDatabase(db.options));
  try {
    // 1 and 8 writers on distinct streams, alternated over 3 rounds so a burst of load elsewhere on a
    // shared machine hits both alike; each figure is the best round, and the ratio is of the bests.
    const rounds = 3;
    const per = Math.max(8, Math.floor(N / 2 / rounds));
    let best1 = 0;
    let best8 = 0;
    for (let round = 0; round < rounds; round++) {
      const one = Array.from({ length: per }, (_, i) => `bench-1w-${round}-${i}`);
      let t = performance.now();
      for (const s of one) await store.append(s, [envelope(s)], { expectedVersion: 0 });
      best1 = Math.max(best1, per / (performance.now() - t));
      const eight = Array.from({ length: per }, (_, i) => `bench-8w-${round}-${i}`);
      t = performance.now();
      await pool(eight, 8, (s) => store.append(s, [envelope(s)], { expectedVersion: 0 }));
      best8 = Math.max(best8, per / (performance.now() - t));
    }
    const perSecond = (perMs: number) => `${Math.round(perMs * 1000).toLocaleString('en-US')}/s`;
    console.log(`  append, 1 event, 1 writer            ${perSecond(best1)} events (best of ${rounds} rounds of ${per})`);
    console.log(`  append, 1 event, 8 writers           ${perSecond(best8)} events (best of ${rounds}; ${(best8 / best1).toFixed(1)}× one writer)`);
    let t = performance.now();
    const batches = Array.from({ length: N / 10 }, (_, i) => `bench-batch-${i}`);
    await pool(batches, 8, (s) => store.append(s, Array.from({ length: 10 }, () => envelope(s)), { expectedVersion: 0 }));
    const batched = performance.now() - t;
    console.log(`  append, 10 events, 8 writers         ${rate(N, batched)} events`);

    t = performance.now();
    await pool(batches.slice(0, 200), 8, (s) => store.readStream(s));
    console.log(`  read stream of 10 events, 8 readers  ${rate(Math.min(200, batches.length), performance.now() - t)} streams`);
    t = performance.now();
    let after = logStart;
    let read = 0;
    for (;;) {
      const page = await store.readAll({ after, limit: 500 });
      if (page.length === 0) break;
      read += page.length;
      const last = page[page.length - 1];
      after = { transactionId: last.transactionId, position: last.globalPosition };
    }
    console.log(`  read all, pages of 500               ${rate(read, performance.now() - t)} events`);
  } finally {
    await store.db.close();
    await db.drop();
  }
}

/** A bus per case: the in-memory one always, JetStream on a throw-away stream when NATS_URL is set. */
async function buses(): Promise<Array<{ name: string; connect(): Promise<Transport>; dispose(): Promise<void> }>> {
  const memory = new MemoryBus();
  const list = [{ name: 'memory bus', connect: async () => memory.connect(), dispose: async () => undefined }];
  const url = process.env.NATS_URL;
  if (url) {
    const id = randomBytes(6).toString('hex');
    const stream = `CHARTER_BENCH_${id}`;
    const opened: Transport[] = [];
    list.push({
      name: 'NATS JetStream',
      connect: async () => {
        const t = await NatsTransport.connect({ servers: url, stream, prefix: `b${id}.` });
        opened.push(t);
        return t;
      },
      dispose: async () => {
        await Promise.all(opened.map((o) => o.close()));
        const nc = await connect({ servers: url });
        await (await nc.jetstreamManager()).streams.delete(stream).catch(() => false);
        await nc.close();
      },
    });
  }
  return list;
}

async function relayCases(): Promise<void> {
  for (const bus of await buses()) {
    const db = await database();
    const driver = await openEventDatabase(db.options);
    const outbox = await Outbox.open(driver);
    const transport = await bus.connect();
    try {
      const events = Array.from({ length: N }, (_, i) => envelope(`relay-${i}`));
      for (let i = 0; i < events.length; i += 100) await driver.transaction((tx) => outbox.enqueue(tx, events.slice(i, i + 100)));
      const relay = new OutboxRelay({
        outbox,
        publish: (e) => transport.publish(e.schema.subject, { body: Buffer.from(JSON.stringify(e)), headers: {} }, { messageId: e.eventId }),
      });
      const t = performance.now();
      const published = await relay.publishPending();
      console.log(`  outbox relay → ${bus.name.padEnd(15)}      ${rate(published, performance.now() - t)} events (one publisher, each awaited)`);
    } finally {
      await transport.close();
      await driver.close();
      await bus.dispose();
      await db.drop();
    }
  }
}

async function systemCases(registryUrl: string): Promise<void> {
  for (const bus of await buses()) await systemCase(registryUrl, bus);
}

async function systemCase(registryUrl: string, bus: { name: string; connect(): Promise<Transport>; dispose(): Promise<void> }): Promise<void> {
  const db = await database();
  const orders = Math.max(50, Math.floor(N / 10));
  const stock = { sku_bench: orders * 10 };
  const system = await FlowSystem.start({ registryUrl, transport: await bus.connect(), database: await openEventDatabase(db.options), stock, gateway: fakePaymentGateway(), relay: { pollMs: 50 } });
  try {
    // Projection catch-up: a history of placed + confirmed orders, encoded by the SDK, then replayed.
    const history = N / 2;
    await pool(Array.from({ length: history }, (_, i) => `proj-${i}`), 8, async (orderId) => {
      const placed = await system.codec.encode(OrderPlacedV2Event.subject, {
        orderId, customerId: `cust_${orderId.length % 50}`, currency: 'USD',
        items: [{ productId: 'sku_bench', quantity: 1, unitPrice: 10 }], pricing: { subtotal: 10, tax: 0, discount: 0, total: 10 },
      }, { version: OrderPlacedV2Event.semver, aggregateId: orderId, aggregateVersion: 1 });
      const confirmed = await system.codec.encode(OrderConfirmedV1Event.subject, { orderId, paymentId: 'pay' }, { version: OrderConfirmedV1Event.semver, aggregateId: orderId, aggregateVersion: 2 });
      await system.store.append(orderStreamId(orderId), [placed, confirmed], { expectedVersion: 0 });
    });
    let t = performance.now();
    const projected = await system.readModel.rebuild();
    console.log(`  projection catch-up (rebuild)        ${rate(projected, performance.now() - t)} events`);

    // End to end: every order goes place → reserve → charge → confirm over the bus.
    await system.startChoreography();
    const ids = Array.from({ length: orders }, (_, i) => `e2e-${i}`);
    t = performance.now();
    await pool(ids, 16, (orderId) => system.orders.handle({ type: 'PlaceOrder', orderId, customerId: 'cust_bench', items: [{ productId: 'sku_bench', quantity: 1, unitPrice: 25 }] }));
    for (const orderId of ids) {
      while ((await system.orders.get(orderId)).status !== 'confirmed') await new Promise((r) => setTimeout(r, 5));
    }
    console.log(`  choreographed saga over ${bus.name.padEnd(15)} ${rate(orders, performance.now() - t)} orders (${orders} orders, 16 in flight, 4 events each, outbox + inbox)`);
  } finally {
    await system.close();
    await bus.dispose();
    await db.drop();
  }
}

export default async function run(): Promise<void> {
  // The machine's load while measuring: figures from a shared machine mean little without it.
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${cpus().length} cores`);
  console.log(process.env.DATABASE_URL
    ? 'event store on PostgreSQL (DATABASE_URL, throw-away schemas)'
    : 'event store on in-memory PGlite — set DATABASE_URL for PostgreSQL figures; PGlite is single-connection WASM, so parallel writers queue');
  await storeCases();
  // `BENCH_FLOWS_CASES=store` stops after the event store's figures (quick iterations on appends).
  if (process.env.BENCH_FLOWS_CASES === 'store') return;
  await relayCases();
  const registry = await startEmbeddedRegistry();
  try {
    await pushContracts(new RegistryClient({ url: registry.url }), new URL('../schemas/', import.meta.url).pathname);
    await systemCases(registry.url);
  } finally {
    await registry.close();
  }
}
