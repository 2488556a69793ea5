import type { Envelope } from '../codec/envelope.js';
import type { SqlDatabase, SqlExecutor } from './sql-database.js';

/** NOTIFY channel the relay listens on; enqueueing notifies it when the transaction commits. */
export const outboxChannel = 'charter_outbox';

export const outboxSchema = `
CREATE TABLE IF NOT EXISTS charter_outbox (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id    TEXT NOT NULL UNIQUE,
  subject       TEXT NOT NULL,
  envelope      JSONB NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  published_at  TIMESTAMPTZ,
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT
);
CREATE INDEX IF NOT EXISTS charter_outbox_pending ON charter_outbox (id) WHERE published_at IS NULL;
`;

/**
 * The transactional outbox: outgoing events written in the same transaction as the state change
 * that caused them, so either both happen or neither does. An `OutboxRelay` publishes them later,
 * at least once, with the event id as the broker's de-duplication id.
 *
 * @example
 *   const outbox = await Outbox.open(db);
 *   await db.transaction(async (tx) => {
 *     await tx.query('UPDATE stock SET available = available - 1 WHERE sku = $1', [sku]);
 *     await outbox.enqueue(tx, [await codec.encode('inventory.InventoryReserved', data)]);
 *   });
 */
export class Outbox {
  private constructor(readonly db: SqlDatabase) {}

  /** Creates the table if needed. */
  static async open(db: SqlDatabase): Promise<Outbox> {
    await db.exec(outboxSchema);
    return new Outbox(db);
  }

  /**
   * Adds envelopes (already encoded, so already valid) inside the caller's transaction. An envelope
   * whose event id is already queued is ignored: enqueueing is idempotent.
   */
  async enqueue(tx: SqlExecutor, envelopes: readonly Envelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    await tx.query(
      `INSERT INTO charter_outbox (message_id, subject, envelope)
       SELECT e.v->>'eventId', e.v->'schema'->>'subject', e.v FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, n) ORDER BY e.n
       ON CONFLICT (message_id) DO NOTHING`,
      [JSON.stringify(envelopes)],
    );
    // Delivered on commit only, so the relay never wakes for a rolled-back change.
    await tx.query(`SELECT pg_notify('${outboxChannel}', '')`);
  }

  /** How many events wait to be published. */
  async pending(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM charter_outbox WHERE published_at IS NULL');
    return rows[0]?.n ?? 0;
  }

  /** Deletes rows published more than `olderThanMs` ago (they are only kept for audit). */
  async prune(olderThanMs: number): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `WITH gone AS (DELETE FROM charter_outbox WHERE published_at < now() - ($1::double precision * interval '1 millisecond') RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [olderThanMs],
    );
    return rows[0]?.n ?? 0;
  }
}
