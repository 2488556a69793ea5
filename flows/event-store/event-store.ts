import type { Envelope } from '../../client/index.js';
import type { SqlDriver, SqlExecutor } from '../../server/storage/sql-driver.js';
import { ConcurrencyError, DuplicateEventError, isDuplicateEventId, isStreamVersionConflict } from './concurrency-error.js';
import { migrateEventStore } from './event-store-schema.js';
import { logStart, type LogPosition } from './log-position.js';
import { eventColumns, toRecordedEvent, type EventRow, type RecordedEvent } from './recorded-event.js';

export interface AppendResult {
  /** The stream's version after the append. */
  nextVersion: number;
  /** Global positions of the appended events, in order. */
  positions: number[];
  /** True when every event was already stored by an earlier, identical append (a retry): nothing was written. */
  duplicate?: boolean;
}

/** `0` means "the stream must not exist yet"; `'any'` skips the check (for streams with one writer). */
export type ExpectedVersion = number | 'any';

/** How far to read a stream: by its own version, or as it stood at a moment (recorded time). */
export interface StreamRange {
  fromVersion?: number;
  toVersion?: number;
  /** Only events recorded at or before this instant: the stream as it was then. */
  asOf?: Date;
}

// One statement: the insert happens only if the stream is still at the expected version. No lock:
// two writers at the same version both insert, and the unique (stream_id, stream_version)
// constraint makes the later one fail. Appends to different streams never wait for each other.
const CONDITIONAL_INSERT = `
INSERT INTO flow_events (stream_id, stream_version, event_id, event_type, aggregate_id, aggregate_type, subject, semver, schema_id, payload, metadata, occurred_at)
SELECT $1, $2::int + e.n::int, e.v->>'eventId', e.v->>'eventType', e.v->>'aggregateId', e.v->>'aggregateType',
       e.v->'schema'->>'subject', e.v->'schema'->>'version', (e.v->'schema'->>'id')::int,
       e.v->'data', e.v->'metadata', (e.v->>'timestamp')::timestamptz
FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(v, n)
WHERE (SELECT coalesce(max(stream_version), 0) FROM flow_events WHERE stream_id = $1) = $2::int
RETURNING global_position::text AS global_position`;

// Only events of transactions older than every transaction still running: anything a later commit
// could still add sorts after what this returns. See `LogPosition`.
const READ_LOG = `
SELECT ${eventColumns} FROM flow_events
WHERE (flow_events.transaction_id, flow_events.global_position) > ($1::bigint, $2::bigint)
  AND flow_events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
ORDER BY flow_events.transaction_id, flow_events.global_position
LIMIT $3`;

/**
 * An append-only event store on PostgreSQL or PGlite: streams with optimistic concurrency, one
 * global log that subscriptions (projections, relays, stream processors) read in order, snapshots,
 * and reads of a stream as it stood at a version or a time.
 *
 * Appends may run in a caller's transaction (`tx`), so events commit together with other state: an
 * outbox row, an inbox record, a read model.
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
   * when the stream is not at `expectedVersion`, and `DuplicateEventError` when an event id is
   * already stored elsewhere. Repeating an append that committed (same events, same stream) returns
   * its result with `duplicate: true` and writes nothing.
   *
   * Inside a caller's transaction, make the append the transaction's first write: the log orders
   * events by the writing transaction's id, which PostgreSQL assigns at the first write.
   */
  async append(streamId: string, events: readonly Envelope[], options: { expectedVersion: ExpectedVersion; tx?: SqlExecutor }): Promise<AppendResult> {
    if (options.tx !== undefined) return this.appendIn(options.tx, streamId, events, options.expectedVersion);
    if (options.expectedVersion !== 'any') {
      // One statement is a transaction by itself: one round trip, no BEGIN and COMMIT around it.
      try {
        return await this.appendIn(this.db, streamId, events, options.expectedVersion);
      } catch (error) {
        if (!(error instanceof DuplicateEventError)) throw error;
        const previous = await this.previousAppend(streamId, events, this.db);
        if (previous !== undefined) return previous;
        throw error;
      }
    }
    try {
      return await this.db.transaction((tx) => this.appendIn(tx, streamId, events, options.expectedVersion));
    } catch (error) {
      // The failed statement aborted the transaction: look for a committed twin outside it.
      if (!isDuplicateEventId(error)) throw error;
      const previous = await this.previousAppend(streamId, events, this.db);
      if (previous !== undefined) return previous;
      throw new DuplicateEventError(streamId, events.map((e) => e.eventId), { cause: error });
    }
  }

  private async appendIn(tx: SqlExecutor, streamId: string, events: readonly Envelope[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    const current = expectedVersion === 'any' ? await this.version(streamId, tx) : expectedVersion;
    if (events.length === 0) return { nextVersion: await this.version(streamId, tx), positions: [] };
    let rows: Array<{ global_position: string }>;
    try {
      ({ rows } = await tx.query<{ global_position: string }>(CONDITIONAL_INSERT, [streamId, current, JSON.stringify(events)]));
    } catch (error) {
      if (isStreamVersionConflict(error)) throw new ConcurrencyError(streamId, current, undefined, { cause: error });
      if (isDuplicateEventId(error)) throw new DuplicateEventError(streamId, events.map((e) => e.eventId), { cause: error });
      throw error;
    }
    if (rows.length === 0) {
      const previous = await this.previousAppend(streamId, events, tx);
      if (previous !== undefined) return previous;
      throw new ConcurrencyError(streamId, current, await this.version(streamId, tx));
    }
    return { nextVersion: current + rows.length, positions: rows.map((r) => Number(r.global_position)) };
  }

  /** The result of an earlier append of exactly these events to this stream, if there was one. */
  private async previousAppend(streamId: string, events: readonly Envelope[], tx: SqlExecutor): Promise<AppendResult | undefined> {
    const ids = events.map((e) => e.eventId);
    const { rows } = await tx.query<{ event_id: string; stream_id: string; stream_version: number; global_position: string }>(
      'SELECT event_id, stream_id, stream_version, global_position::text AS global_position FROM flow_events WHERE event_id = ANY($1::text[])',
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    const stored = ids.map((id) => byId.get(id));
    if (stored.some((r) => r === undefined || r.stream_id !== streamId)) return undefined;
    const versions = stored.map((r) => r!.stream_version);
    if (versions.some((v, i) => i > 0 && v !== versions[i - 1] + 1)) return undefined;
    return { nextVersion: versions[versions.length - 1], positions: stored.map((r) => Number(r!.global_position)), duplicate: true };
  }

  /** The events of one stream, oldest first, as their writers wrote them; optionally a range of it. */
  async readStream(streamId: string, range: StreamRange = {}, tx: SqlExecutor = this.db): Promise<RecordedEvent[]> {
    const { rows } = await tx.query<EventRow>(
      `SELECT ${eventColumns} FROM flow_events
       WHERE stream_id = $1 AND stream_version >= $2 AND stream_version <= $3 AND ($4::timestamptz IS NULL OR recorded_at <= $4::timestamptz)
       ORDER BY stream_version`,
      [streamId, range.fromVersion ?? 1, range.toVersion ?? 2_147_483_647, range.asOf?.toISOString() ?? null],
    );
    return rows.map(toRecordedEvent);
  }

  /**
   * Events of every stream after a log position, in log order, up to the oldest transaction still
   * running. Pass `tx` to read inside a transaction.
   */
  async readAll(options: { after?: LogPosition; limit?: number } = {}, tx: SqlExecutor = this.db): Promise<RecordedEvent[]> {
    const after = options.after ?? logStart;
    const { rows } = await tx.query<EventRow>(READ_LOG, [after.transactionId, after.position, options.limit ?? 1_000]);
    return rows.map(toRecordedEvent);
  }

  /** The stream's current version; 0 when it has no events. */
  async version(streamId: string, tx: SqlExecutor = this.db): Promise<number> {
    const { rows } = await tx.query<{ v: number }>('SELECT coalesce(max(stream_version), 0)::int AS v FROM flow_events WHERE stream_id = $1', [streamId]);
    return rows[0]?.v ?? 0;
  }

  /** The log position of the last committed event (`logStart` when empty). */
  async head(tx: SqlExecutor = this.db): Promise<LogPosition> {
    const { rows } = await tx.query<{ t: string; p: string }>(
      'SELECT transaction_id::text AS t, global_position::text AS p FROM flow_events ORDER BY transaction_id DESC, global_position DESC LIMIT 1',
    );
    return rows[0] === undefined ? logStart : { transactionId: Number(rows[0].t), position: Number(rows[0].p) };
  }

  /** Stores `state` as the stream's state at `version` (replacing an older snapshot of that kind). */
  async saveSnapshot(streamId: string, kind: string, version: number, state: unknown, tx: SqlExecutor = this.db): Promise<void> {
    await tx.query(
      `INSERT INTO flow_snapshots (stream_id, kind, stream_version, state) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (stream_id, kind) DO UPDATE SET stream_version = excluded.stream_version, state = excluded.state, taken_at = now()
       WHERE flow_snapshots.stream_version < excluded.stream_version`,
      [streamId, kind, version, JSON.stringify(state)],
    );
  }

  /** The latest snapshot of that kind, if any. `kind` names the state's shape: change it when the shape changes. */
  async loadSnapshot<S>(streamId: string, kind: string, tx: SqlExecutor = this.db): Promise<{ version: number; state: S } | undefined> {
    const { rows } = await tx.query<{ stream_version: number; state: S }>('SELECT stream_version, state FROM flow_snapshots WHERE stream_id = $1 AND kind = $2', [streamId, kind]);
    return rows[0] === undefined ? undefined : { version: rows[0].stream_version, state: rows[0].state };
  }
}
