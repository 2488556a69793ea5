import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../client/index.js';
import { ConcurrencyError, DuplicateEventError, EventStore, logStart, openEventDatabase, StoreSubscription, type RecordedEvent } from '../../flows/event-store/index.js';
import { testBackends } from '../support/databases.js';

let sequence = 0;
/** A hand-made envelope: the store does not care whether a registry saw it. */
function envelope(streamId: string, data: Record<string, unknown> = {}): Envelope {
  sequence += 1;
  return {
    eventType: 'OrderConfirmed',
    eventId: `evt_${sequence}_${Math.random().toString(36).slice(2)}`,
    timestamp: new Date(Date.UTC(2024, 0, 15, 10, 30, sequence % 60)).toISOString(),
    aggregateId: streamId,
    aggregateType: 'Order',
    schema: { subject: 'order.OrderConfirmed', version: '1.0.0', id: 3 },
    data: { orderId: streamId, paymentId: `pay_${sequence}`, ...data },
    metadata: { correlationId: 'corr_1', causationId: 'cmd_1', source: 'test' },
  };
}

describe.each(testBackends)('the event store on $name', (backend) => {
  let store: EventStore;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    store = await EventStore.open(await openEventDatabase(created.store));
  });
  afterAll(async () => {
    await store.db.close();
    await drop();
  });

  it('appends to a new stream and reads the events back as written', async () => {
    const first = envelope('s-read');
    const second = envelope('s-read');
    const result = await store.append('s-read', [first, second], { expectedVersion: 0 });
    expect(result.nextVersion).toBe(2);
    const read = await store.readStream('s-read');
    expect(read.map((e) => [e.streamVersion, e.eventId, e.data])).toEqual([
      [1, first.eventId, first.data],
      [2, second.eventId, second.data],
    ]);
    expect(read[0]).toMatchObject({ schema: first.schema, metadata: first.metadata, timestamp: first.timestamp, aggregateType: 'Order' });
  });

  it('refuses an append whose expected version is stale', async () => {
    await store.append('s-stale', [envelope('s-stale')], { expectedVersion: 0 });
    await expect(store.append('s-stale', [envelope('s-stale')], { expectedVersion: 0 })).rejects.toMatchObject({
      name: 'ConcurrencyError',
      expectedVersion: 0,
      actualVersion: 1,
    });
    await expect(store.append('s-stale', [envelope('s-stale')], { expectedVersion: 5 })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.version('s-stale')).toBe(1);
  });

  it('lets exactly one of two concurrent writers to one stream win', async () => {
    await store.append('s-race', [envelope('s-race')], { expectedVersion: 0 });
    const results = await Promise.allSettled([
      store.append('s-race', [envelope('s-race')], { expectedVersion: 1 }),
      store.append('s-race', [envelope('s-race')], { expectedVersion: 1 }),
    ]);
    const failures = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(failures).toHaveLength(1);
    expect((failures[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect(await store.version('s-race')).toBe(2);
  });

  it('enforces the stream version with a unique constraint even for writers that bypass append', async () => {
    await store.append('s-unique', [envelope('s-unique')], { expectedVersion: 0 });
    const insert = `INSERT INTO flow_events (stream_id, stream_version, event_id, event_type, subject, semver, schema_id, payload, metadata, occurred_at)
                    VALUES ('s-unique', 1, 'evt_rogue', 'X', 'x', '1.0.0', 1, '{}', '{}', now())`;
    await expect(store.db.query(insert)).rejects.toMatchObject({ code: '23505' });
  });

  it('reads the log of all streams in global order from a position', async () => {
    const start = await store.head();
    await store.append('s-log-a', [envelope('s-log-a')], { expectedVersion: 0 });
    await store.append('s-log-b', [envelope('s-log-b')], { expectedVersion: 0 });
    await store.append('s-log-a', [envelope('s-log-a')], { expectedVersion: 1 });
    const log = await store.readAll({ after: start });
    expect(log.map((e) => [e.streamId, e.streamVersion])).toEqual([
      ['s-log-a', 1],
      ['s-log-b', 1],
      ['s-log-a', 2],
    ]);
    const positions = log.map((e) => e.globalPosition);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(await store.readAll({ after: { transactionId: log[1].transactionId, position: log[1].globalPosition } })).toHaveLength(1);
  });

  it('resumes a subscription from its stored checkpoint after a restart', async () => {
    const seen: RecordedEvent[] = [];
    const subscribe = () => new StoreSubscription(store, { name: 'resume-test', batchSize: 2, handle: async (events) => void seen.push(...events) });
    await subscribe().catchUp();
    const before = seen.length;
    await store.append('s-resume', [envelope('s-resume'), envelope('s-resume'), envelope('s-resume')], { expectedVersion: 0 });
    const restarted = subscribe();
    expect(await restarted.catchUp()).toBe(3);
    expect(seen.slice(before).map((e) => e.streamId)).toEqual(['s-resume', 's-resume', 's-resume']);
    expect(await restarted.position()).toEqual(await store.head());
    expect(await subscribe().catchUp()).toBe(0);
  });

  it('does not move the checkpoint when a batch fails, so the batch is handled again', async () => {
    const sub = new StoreSubscription(store, { name: 'failing-test', handle: async () => Promise.reject(new Error('projection bug')) });
    await expect(sub.catchUp()).rejects.toThrow('projection bug');
    expect(await sub.position()).toEqual(logStart);
  });

  it('returns aggregateId as the event carried it, not the stream id', async () => {
    const event = { ...envelope('order-o-agg'), aggregateId: 'o-agg' };
    await store.append('order-o-agg', [event], { expectedVersion: 0 });
    const [read] = await store.readStream('order-o-agg');
    expect(read).toMatchObject({ aggregateId: 'o-agg', streamId: 'order-o-agg' });
  });

  it('treats a repeated append of committed events as a retry, and a reused event id elsewhere as a typed error', async () => {
    const first = envelope('s-dup');
    const second = envelope('s-dup');
    const original = await store.append('s-dup', [first, second], { expectedVersion: 0 });
    const retried = await store.append('s-dup', [first, second], { expectedVersion: 0 });
    expect(retried).toEqual({ ...original, duplicate: true });
    expect(await store.readStream('s-dup')).toHaveLength(2);

    const elsewhere = store.append('s-dup-other', [{ ...first }], { expectedVersion: 0 });
    await expect(elsewhere).rejects.toBeInstanceOf(DuplicateEventError);
    await expect(elsewhere).rejects.toMatchObject({ code: 'DUPLICATE_EVENT', eventIds: [first.eventId] });
    const mixed = store.append('s-dup', [envelope('s-dup'), first], { expectedVersion: 2 });
    await expect(mixed).rejects.toBeInstanceOf(DuplicateEventError);
    // Nothing of a refused append remains.
    expect(await store.version('s-dup-other')).toBe(0);
    expect(await store.version('s-dup')).toBe(2);
  });

  it('reads a stream up to a version and as it stood at a time', async () => {
    await store.append('s-range', [envelope('s-range'), envelope('s-range')], { expectedVersion: 0 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const between = new Date();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await store.append('s-range', [envelope('s-range')], { expectedVersion: 2 });
    expect((await store.readStream('s-range', { toVersion: 1 })).map((e) => e.streamVersion)).toEqual([1]);
    expect((await store.readStream('s-range', { fromVersion: 2, toVersion: 3 })).map((e) => e.streamVersion)).toEqual([2, 3]);
    expect((await store.readStream('s-range', { asOf: between })).map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(await store.readStream('s-range', { asOf: new Date(0) })).toEqual([]);
  });

  it('keeps the latest snapshot per stream and kind, never replacing it with an older one', async () => {
    await store.saveSnapshot('s-snap', 'state@1', 10, { total: 10 });
    await store.saveSnapshot('s-snap', 'state@1', 5, { total: 5 });
    await store.saveSnapshot('s-snap', 'state@2', 3, { sum: 3 });
    expect(await store.loadSnapshot('s-snap', 'state@1')).toEqual({ version: 10, state: { total: 10 } });
    expect(await store.loadSnapshot('s-snap', 'state@2')).toEqual({ version: 3, state: { sum: 3 } });
    expect(await store.loadSnapshot('s-snap', 'state@3')).toBeUndefined();
  });


  // Only PostgreSQL has concurrent transactions (PGlite's are exclusive, so nothing can commit out of order there).
  if (backend.name === 'postgres') {
    it('never lets a subscription pass an event that commits later with a lower position', async () => {
      const seen: string[] = [];
      const sub = new StoreSubscription(store, { name: 'gap-test', handle: async (events) => void seen.push(...events.map((e) => e.streamId)) });
      await sub.catchUp();
      seen.length = 0;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));
      const slow = store.db.transaction(async (tx) => {
        await store.append('s-gap-slow', [envelope('s-gap-slow')], { expectedVersion: 0, tx });
        inserted();
        await held;
      });
      await insertedSignal;
      await store.append('s-gap-fast', [envelope('s-gap-fast')], { expectedVersion: 0 });
      await sub.catchUp();
      expect(seen).toEqual([]); // the fast event waits behind the open transaction, rather than being passed
      release();
      await slow;
      await sub.catchUp();
      expect(seen).toEqual(['s-gap-slow', 's-gap-fast']);
    });

    it('hands a following subscription every event of 8 concurrent writers exactly once', async () => {
      const seen = new Map<string, number>();
      const sub = new StoreSubscription(store, { name: 'race-follow', pollMs: 5, handle: async (events) => events.forEach((e) => seen.set(e.eventId, (seen.get(e.eventId) ?? 0) + 1)) });
      await sub.catchUp();
      seen.clear();
      sub.start();
      const written: string[] = [];
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          for (let i = 0; i < 25; i++) {
            const event = envelope(`s-w${w}`);
            written.push(event.eventId);
            await store.append(`s-w${w}`, [event], { expectedVersion: i });
          }
        }),
      );
      const deadline = Date.now() + 10_000;
      while (seen.size < written.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await sub.stop();
      expect(seen.size).toBe(200);
      expect(written.every((id) => seen.get(id) === 1)).toBe(true);
    });
  }
});
