import type { SqlDriver } from '../../server/storage/sql-driver.js';

/**
 * The event store's tables. Idempotent, so every process may run it at start-up.
 *
 * - `(stream_id, stream_version)` is unique: optimistic concurrency is enforced by the database,
 *   never by a read-then-write check that two writers could both pass.
 * - `global_position` orders every event of every stream; subscriptions resume from it.
 * - `payload` is the event data exactly as its writer version wrote it (never migrated in place):
 *   readers upcast on read, so history stays true to what was said.
 */
export const eventStoreSchema = `
CREATE TABLE IF NOT EXISTS flow_events (
  global_position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_id       TEXT NOT NULL,
  stream_version  INTEGER NOT NULL CHECK (stream_version > 0),
  event_id        TEXT NOT NULL UNIQUE,
  event_type      TEXT NOT NULL,
  aggregate_type  TEXT,
  subject         TEXT NOT NULL,
  semver          TEXT NOT NULL,
  schema_id       INTEGER NOT NULL,
  payload         JSONB NOT NULL,
  metadata        JSONB NOT NULL,
  occurred_at     TIMESTAMPTZ NOT NULL,
  recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT flow_events_stream_version_key UNIQUE (stream_id, stream_version)
);
CREATE TABLE IF NOT EXISTS flow_checkpoints (
  name        TEXT PRIMARY KEY,
  position    BIGINT NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
`;

/** Creates the tables if they are missing. */
export async function migrateEventStore(db: SqlDriver): Promise<void> {
  await db.exec(eventStoreSchema);
}
