import type { Envelope } from '../../client/index.js';
import type { SqlDriver, SqlExecutor } from '../../server/storage/sql-driver.js';
import { ConcurrencyError, isStreamVersionConflict } from './concurrency-error.js';
import { migrateEventStore } from './event-store-schema.js';
import { eventColumns, toRecordedEvent, type EventRow, type RecordedEvent } from './recorded-event.js';

export interface AppendResult {
  /** The stream's version after the append. */
  nextVersion: number;
  /** Global positions of the appended events, in order. */
  positions: number[];
}

/** `0` means "the stream must not exist yet"; `'any'` skips the check (for streams with one writer). */
export type ExpectedVersion = number | 'any';

// Every append takes this transaction-scoped lock, so global positions become visible in the order
// they were allocated. Without it, a reader could see position 8 commit before 7 and, having
// checkpointed 8, never see 7. Appends to one database are serialised; that is the price of a
// gap-free `readAll` (see bench/flows.ts for what it costs).
const APPEND_LOCK = "SELECT pg_advisory_xact_lock(hashtext('charter.flow_events'))";

// One statement: the insert happens only if the stream is still at the expected version. The
// unique (stream_id, stream_version) constraint backs it up for writers that skip the lock.
const CONDITIONAL_INSERT = `
INSERT INTO flow_events (stream_id, stream_version, event_id, event_type, aggregate_type, subject, semver, schema_id, payload, metadata, occurred_at)
SELECT $1, $2::int + e.n::int, e.v->>'eventId', e.v->>'eventType', e.v->>'aggregateType',
       e.v->'schema'->>'subject', e.v->'schema'->>'version', (e.v->'schema'->>'id')::int,
       e.v->'data', e.v->'metadata', (e.v->>'timestamp')::timestamptz
FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(v, n)
WHERE (SELECT coalesce(max(stream_version), 0) FROM flow_events WHERE stream_id = $1) = $2::int
RETURNING global_position::text AS global_position`;

/**
 * An append-only event store on PostgreSQL or PGlite: streams with optimistic concurrency, and one
 * global log that subscriptions (projections, relays, stream processors) read in order.
 *
 * @example
 *   const store = await EventStore.open(await openEventDatabase());
 *   await store.append('order-o_1', [envelope], { expectedVersion: 0 });
 *   const history = await store.readStream('order-o_1');
 */
export class EventStore {
  private constructor(readonly db: SqlDriver) {}

  /** Wraps an open database, creating the tables if needed. */
  static async open(db: SqlDriver): Promise<EventStore> {
    await migrateEventStore(db);
    return new EventStore(db);
  }

  /**
   * Appends envelopes (as `EventCodec.encode` made them) to a stream. Throws `ConcurrencyError`
   * when the stream is not at `expectedVersion`.
   */
  async append(streamId: string, events: readonly Envelope[], options: { expectedVersion: ExpectedVersion }): Promise<AppendResult> {
    return this.db.transaction(async (tx) => {
      await tx.query(APPEND_LOCK);
      const current = await this.version(streamId, tx);
      const expected = options.expectedVersion === 'any' ? current : options.expectedVersion;
      if (events.length === 0) return { nextVersion: current, positions: [] };
      let rows: Array<{ global_position: string }>;
      try {
        ({ rows } = await tx.query<{ global_position: string }>(CONDITIONAL_INSERT, [streamId, expected, JSON.stringify(events)]));
      } catch (error) {
        if (isStreamVersionConflict(error)) throw new ConcurrencyError(streamId, expected, undefined, { cause: error });
        throw error;
      }
      if (rows.length === 0) throw new ConcurrencyError(streamId, expected, current);
      return { nextVersion: expected + rows.length, positions: rows.map((r) => Number(r.global_position)) };
    });
  }

  /** The events of one stream, oldest first, as their writers wrote them. */
  async readStream(streamId: string, options: { fromVersion?: number } = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${eventColumns} FROM flow_events WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
      [streamId, options.fromVersion ?? 1],
    );
    return rows.map(toRecordedEvent);
  }

  /** Events of every stream after a global position, in log order. Pass `tx` to read inside a transaction. */
  async readAll(options: { after?: number; limit?: number } = {}, tx: SqlExecutor = this.db): Promise<RecordedEvent[]> {
    const { rows } = await tx.query<EventRow>(
      `SELECT ${eventColumns} FROM flow_events WHERE global_position > $1 ORDER BY flow_events.global_position LIMIT $2`,
      [options.after ?? 0, options.limit ?? 1_000],
    );
    return rows.map(toRecordedEvent);
  }

  /** The stream's current version; 0 when it has no events. */
  async version(streamId: string, tx: SqlExecutor = this.db): Promise<number> {
    const { rows } = await tx.query<{ v: number }>('SELECT coalesce(max(stream_version), 0)::int AS v FROM flow_events WHERE stream_id = $1', [streamId]);
    return rows[0]?.v ?? 0;
  }

  /** The highest global position written so far (0 when empty). */
  async headPosition(): Promise<number> {
    const { rows } = await this.db.query<{ p: string }>('SELECT coalesce(max(global_position), 0)::text AS p FROM flow_events');
    return Number(rows[0]?.p ?? 0);
  }
}
