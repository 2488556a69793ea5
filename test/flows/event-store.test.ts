import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../client/index.js';
import { ConcurrencyError, EventStore, openEventDatabase, StoreSubscription, type RecordedEvent } from '../../flows/event-store/index.js';
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
    const start = await store.headPosition();
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
    expect(await store.readAll({ after: positions[1] })).toHaveLength(1);
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
    expect(await restarted.position()).toBe(await store.headPosition());
    expect(await subscribe().catchUp()).toBe(0);
  });

  it('does not move the checkpoint when a batch fails, so the batch is handled again', async () => {
    const sub = new StoreSubscription(store, { name: 'failing-test', handle: async () => Promise.reject(new Error('projection bug')) });
    await expect(sub.catchUp()).rejects.toThrow('projection bug');
    expect(await sub.position()).toBe(0);
  });
});
