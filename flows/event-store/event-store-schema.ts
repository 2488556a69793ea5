import type { SqlDriver } from '../../server/storage/sql-driver.js';

/**
 * The event store's tables. Idempotent, so every process may run it at start-up; the ALTERs bring a
 * store made by an earlier version up to date.
 *
 * - `(stream_id, stream_version)` is unique: optimistic concurrency is enforced by the database,
 *   never by a read-then-write check that two writers could both pass.
 * - `event_id` is unique: an append retried after a lost reply is recognised, not stored twice.
 * - `transaction_id` is the writing transaction's id. The log is read in (transaction_id,
 *   global_position) order and only below the oldest transaction still running, so a subscription
 *   never passes an event that commits later with a lower number, and appends need no global lock.
 * - `payload` is the event data exactly as its writer version wrote it (never migrated in place):
 *   readers upcast on read, so history stays true to what was said.
 */
export const eventStoreSchema = `
CREATE TABLE IF NOT EXISTS flow_events (
  global_position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_id       TEXT NOT NULL,
  stream_version  INTEGER NOT NULL CHECK (stream_version > 0),
  event_id        TEXT NOT NULL,
  event_type      TEXT NOT NULL,
  aggregate_type  TEXT,
  subject         TEXT NOT NULL,
  semver          TEXT NOT NULL,
  schema_id       INTEGER NOT NULL,
  payload         JSONB NOT NULL,
  metadata        JSONB NOT NULL,
  occurred_at     TIMESTAMPTZ NOT NULL,
  recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT flow_events_stream_version_key UNIQUE (stream_id, stream_version),
  CONSTRAINT flow_events_event_id_key UNIQUE (event_id)
);
ALTER TABLE flow_events ADD COLUMN IF NOT EXISTS aggregate_id TEXT;
ALTER TABLE flow_events ADD COLUMN IF NOT EXISTS transaction_id BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX IF NOT EXISTS flow_events_log ON flow_events (transaction_id, global_position);
CREATE TABLE IF NOT EXISTS flow_checkpoints (
  name        TEXT PRIMARY KEY,
  position    BIGINT NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
ALTER TABLE flow_checkpoints ADD COLUMN IF NOT EXISTS transaction_id BIGINT NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS flow_snapshots (
  stream_id       TEXT NOT NULL,
  kind            TEXT NOT NULL,
  stream_version  INTEGER NOT NULL,
  state           JSONB NOT NULL,
  taken_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (stream_id, kind)
);
`;

// True when the last change of `eventStoreSchema` is in place (the log index implies transaction_id).
const CURRENT = `
SELECT to_regclass('flow_snapshots') IS NOT NULL AND to_regclass('flow_events_log') IS NOT NULL
   AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('flow_events') AND attname = 'aggregate_id' AND NOT attisdropped)
   AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('flow_checkpoints') AND attname = 'transaction_id' AND NOT attisdropped) AS current`;

/**
 * Creates the tables if they are missing. A store already current is left alone: even with IF NOT
 * EXISTS, ALTER TABLE and CREATE INDEX lock the table first, and a process restarting next to live
 * writers would queue behind them, and them behind it (a deadlock once the chaos test killed it).
 */
export async function migrateEventStore(db: SqlDriver): Promise<void> {
  const { rows } = await db.query<{ current: boolean }>(CURRENT);
  if (rows[0]?.current === true) return;
  await db.exec(eventStoreSchema);
}
