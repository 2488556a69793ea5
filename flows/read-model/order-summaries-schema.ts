import type { SqlExecutor } from '../../server/storage/sql-driver.js';

/**
 * The query side: one denormalised row per order, shaped for "my orders" pages. Indexed for the
 * keyset paging in `OrderQueries` (customer, newest first). It can be dropped and rebuilt from the
 * event store at any time.
 */
export const orderSummariesSchema = `
CREATE TABLE IF NOT EXISTS order_summaries (
  order_id     TEXT PRIMARY KEY,
  customer_id  TEXT NOT NULL,
  status       TEXT NOT NULL,
  currency     TEXT NOT NULL,
  total        DOUBLE PRECISION NOT NULL,
  item_count   INTEGER NOT NULL,
  region       TEXT,
  placed_at    TIMESTAMPTZ NOT NULL,
  updated_at   TIMESTAMPTZ NOT NULL,
  status_note  TEXT
);
CREATE INDEX IF NOT EXISTS order_summaries_by_customer ON order_summaries (customer_id, placed_at DESC, order_id DESC);
`;

export async function migrateOrderSummaries(db: { exec(sql: string): Promise<void> }): Promise<void> {
  await db.exec(orderSummariesSchema);
}

/** Empties the table, inside the rebuild's transaction. */
export async function clearOrderSummaries(tx: SqlExecutor): Promise<void> {
  await tx.query('DELETE FROM order_summaries');
}
