import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EventCodec, Inbox, Outbox, OutboxRelay, Publisher, RegistryClient, Subscriber, type Envelope, type Transport } from '../../client/index.js';
import { openEventDatabase } from '../../flows/event-store/index.js';
import type { SqlDriver } from '../../server/storage/sql-driver.js';
import { testBackends } from '../support/databases.js';
import { startRegistry } from '../support/registry.js';
import { registerOrderPlaced, v2Event } from './support/order-placed.js';
import { transportFactories, waitFor, type TransportWorld } from './support/transports.js';

const subject = 'order.OrderPlaced';
let server: { url: string; close(): Promise<void> };
let codec: EventCodec;

beforeAll(async () => {
  server = await startRegistry();
  const registry = new RegistryClient({ url: server.url });
  await registerOrderPlaced(registry);
  codec = new EventCodec({ registry, source: 'outbox-test' });
});
afterAll(() => server.close());

const encode = () => codec.encode(subject, v2Event);

// PGlite with the memory bus, PostgreSQL with JetStream (or the memory bus without NATS_URL).
const combinations = testBackends.map((backend) => {
  const [memory, nats] = transportFactories();
  return { backend, factory: backend.name === 'postgres' && nats !== undefined ? nats : memory };
});

for (const { backend, factory } of combinations) {
  {
    describe(`outbox and inbox on ${backend.name} + ${factory.name}`, () => {
      let db: SqlDriver;
      let drop: () => Promise<void>;
      let world: TransportWorld;
      let transport: Transport;
      let received: string[];
      const relays: OutboxRelay[] = [];

      beforeAll(async () => {
        const created = await backend.create();
        drop = created.drop;
        db = await openEventDatabase(created.store);
      });
      afterAll(async () => {
        await db.close();
        await drop();
      });
      afterEach(async () => {
        await Promise.all(relays.splice(0).map((r) => r.stop()));
        await db.query('DELETE FROM charter_outbox');
        await world.dispose();
      });

      async function listen(): Promise<void> {
        world = await factory.create({ ackWaitMs: 2_000 });
        transport = await world.connect();
        received = [];
        await new Subscriber({ codec, transport, group: 'audit' }).subscribe(subject, { accept: '^2.0.0' }, (event) => void received.push(event.eventId));
      }

      it('publishes what a committed transaction enqueued, once, woken by NOTIFY; nothing of a rolled-back one', async () => {
        await listen();
        const outbox = await Outbox.open(db);
        const relay = new OutboxRelay({ outbox, publish: (e) => new Publisher({ codec, transport }).publishEnvelope(e), pollMs: 60_000 });
        relays.push(relay);
        await relay.start();
        const kept = await encode();
        const lost = await encode();
        await db.transaction((tx) => outbox.enqueue(tx, [kept]));
        await expect(
          db.transaction(async (tx) => {
            await outbox.enqueue(tx, [lost]);
            throw new Error('the state change failed');
          }),
        ).rejects.toThrow('the state change failed');
        // The relay polls once a minute here: only NOTIFY can wake it in time.
        await waitFor(() => received.length === 1, 5_000);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(received).toEqual([kept.eventId]);
        expect(await outbox.pending()).toBe(0);
      });

      it('does not lose a NOTIFY that arrives as a tick ends (the tick reschedules the next poll, not over a sooner wake-up)', async () => {
        await listen();
        // The tick's pruning finishes in the same turn as the notification is handled: the tick
        // then reschedules itself for the next poll, a minute away, right after the relay asked
        // to be woken at once.
        let releasePrune!: () => void;
        const pruneGate = new Promise<void>((resolve) => (releasePrune = resolve));
        const notifying: SqlDriver = Object.create(db) as SqlDriver;
        notifying.listen = (channel, onPayload) =>
          db.listen(channel, (payload) => {
            onPayload(payload);
            releasePrune();
          });
        const outbox = await Outbox.open(notifying);
        const gated = Object.create(outbox) as Outbox;
        gated.prune = async () => {
          await pruneGate;
          return 0;
        };
        const relay = new OutboxRelay({ outbox: gated, publish: (e) => new Publisher({ codec, transport }).publishEnvelope(e), pollMs: 60_000 });
        relays.push(relay);
        await relay.start();
        const event = await encode();
        await db.transaction((tx) => outbox.enqueue(tx, [event]));
        await waitFor(() => received.length === 1, 5_000);
        expect(received).toEqual([event.eventId]);
      });

      it('keeps failed publishes queued and retries them in order, delivering each event once', async () => {
        await listen();
        const outbox = await Outbox.open(db);
        const publisher = new Publisher({ codec, transport });
        let calls = 0;
        const errors: Array<string | undefined> = [];
        const relay = new OutboxRelay({
          outbox,
          backoffMs: 10,
          publish: async (e) => {
            calls += 1;
            if (calls === 2 || calls === 3) throw new Error('broker unreachable');
            // The 5th call publishes and then loses the acknowledgement: the row stays unmarked.
            await publisher.publishEnvelope(e);
            if (calls === 5) throw new Error('PubAck lost');
          },
          onError: (_error, envelope) => errors.push(envelope?.eventId),
        });
        relays.push(relay);
        const events = await Promise.all([encode(), encode(), encode(), encode()]);
        await db.transaction((tx) => outbox.enqueue(tx, events));
        await relay.start();
        await waitFor(() => received.length === 4, 10_000);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(received).toEqual(events.map((e) => e.eventId));
        expect(errors).toEqual([events[1].eventId, events[1].eventId, events[2].eventId]);
        expect(relay.failed).toBe(3);
        expect(await outbox.pending()).toBe(0);
        const { rows } = await db.query<{ attempts: number; last_error: string | null }>('SELECT attempts, last_error FROM charter_outbox ORDER BY id');
        expect(rows.map((r) => r.attempts)).toEqual([1, 3, 2, 1]);
        expect(rows[1].last_error).toContain('broker unreachable');
      });

      it('prunes published rows older than the retention on its schedule, and never a row still queued', async () => {
        world = await factory.create({ ackWaitMs: 1_000 });
        const outbox = await Outbox.open(db);
        const [old, recent, stuck] = await Promise.all([encode(), encode(), encode()]);
        await db.transaction((tx) => outbox.enqueue(tx, [old, recent, stuck]));
        // Published two hours ago, published just now, and queued for two hours (its publish keeps failing).
        await db.query("UPDATE charter_outbox SET published_at = now() - interval '2 hours' WHERE message_id = $1", [old.eventId]);
        await db.query('UPDATE charter_outbox SET published_at = now() WHERE message_id = $1', [recent.eventId]);
        await db.query("UPDATE charter_outbox SET created_at = now() - interval '2 hours' WHERE message_id = $1", [stuck.eventId]);
        const relay = new OutboxRelay({
          outbox,
          publish: async () => {
            throw new Error('broker unreachable');
          },
          backoffMs: 10,
          maxBackoffMs: 20,
          prune: { retentionMs: 3_600_000, everyMs: 100 },
        });
        relays.push(relay);
        await relay.start();
        const left = async () => (await db.query<{ message_id: string }>('SELECT message_id FROM charter_outbox ORDER BY id')).rows.map((r) => r.message_id);
        await waitFor(() => relay.pruned === 1, 5_000);
        expect(await left()).toEqual([recent.eventId, stuck.eventId]);
        // An hour later (here: the row aged by hand) the next scheduled round takes it too.
        await db.query("UPDATE charter_outbox SET published_at = now() - interval '61 minutes' WHERE message_id = $1", [recent.eventId]);
        await waitFor(() => relay.pruned === 2, 5_000);
        expect(await left()).toEqual([stuck.eventId]);
        // `prune: false` keeps every row.
        await db.query("UPDATE charter_outbox SET published_at = now() - interval '2 hours' WHERE message_id = $1", [stuck.eventId]);
        await relay.stop();
        const keeping = new OutboxRelay({ outbox, publish: async () => undefined, pollMs: 20, prune: false });
        relays.push(keeping);
        await keeping.start();
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(keeping.pruned).toBe(0);
        expect(await left()).toEqual([stuck.eventId]);
      });

      it('ignores an envelope enqueued twice', async () => {
        const outbox = await Outbox.open(db);
        const event = await encode();
        await db.transaction((tx) => outbox.enqueue(tx, [event]));
        await db.transaction((tx) => outbox.enqueue(tx, [event, event]));
        expect(await outbox.pending()).toBe(1);
        world = await factory.create({ ackWaitMs: 1_000 });
      });

      it('runs an inbox consumer’s work once per message id, and not at all when the work fails', async () => {
        world = await factory.create({ ackWaitMs: 1_000 });
        const inbox = await Inbox.open(db);
        await db.exec('CREATE TABLE IF NOT EXISTS inbox_test_counts (id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
        const bump = (tx: { query: SqlDriver['query'] }) => tx.query("INSERT INTO inbox_test_counts VALUES ('c', 1) ON CONFLICT (id) DO UPDATE SET n = inbox_test_counts.n + 1");
        const count = async () => (await db.query<{ n: number }>("SELECT n FROM inbox_test_counts WHERE id = 'c'")).rows[0]?.n ?? 0;

        await expect(inbox.once('billing', 'm-1', async (tx) => {
          await bump(tx);
          throw new Error('crash before commit');
        })).rejects.toThrow('crash before commit');
        expect(await count()).toBe(0);
        expect(await inbox.seen('billing', 'm-1')).toBe(false);

        expect(await inbox.once('billing', 'm-1', bump)).toMatchObject({ duplicate: false });
        expect(await inbox.once('billing', 'm-1', bump)).toEqual({ duplicate: true });
        // Concurrent deliveries of one message (two consumer instances): exactly one takes effect.
        const racing = await Promise.all(Array.from({ length: 4 }, () => inbox.once('billing', 'm-2', bump).catch((e: Error) => e)));
        expect(racing.filter((r) => !(r instanceof Error) && !r.duplicate)).toHaveLength(1);
        expect(await count()).toBe(2);
        // Another consumer has its own record of the same message.
        expect(await inbox.once('shipping', 'm-1', bump)).toMatchObject({ duplicate: false });
        expect(await count()).toBe(3);
      });

      it('makes a subscriber idempotent across redeliveries with Inbox.handler', async () => {
        world = await factory.create({ ackWaitMs: 1_000 });
        transport = await world.connect();
        const inbox = await Inbox.open(db);
        const effects: string[] = [];
        let attempts = 0;
        await new Subscriber({ codec, transport, group: 'ledger', retryDelayMs: 20 }).subscribe<unknown>(
          subject,
          { accept: '^2.0.0' },
          inbox.handler('ledger', async (event: Envelope) => {
            attempts += 1;
            effects.push(event.eventId);
            // The first delivery fails inside the inbox transaction: its work rolls back and the redelivery does it.
            if (attempts === 1) throw new Error('lost connection mid-transaction');
          }),
        );
        const event = await encode();
        const publisher = new Publisher({ codec, transport });
        await publisher.publishEnvelope(event);
        await waitFor(() => attempts === 2);
        // Published again beyond the broker's de-duplication (a different message id on the wire).
        await transport.publish(subject, codec.serialize(event, (await import('../../client/index.js')).jsonEnvelope), { messageId: 'another-wire-id' });
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(attempts).toBe(2);
        expect(await inbox.seen('ledger', event.eventId)).toBe(true);
      });
    });
  }
}
