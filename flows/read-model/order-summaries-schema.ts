import type { SqlExecutor } from '../../server/storage/sql-driver.js';

/** The live table; a rebuild fills `order_summaries_next` and swaps it in. */
export const summariesTable = 'order_summaries';
export const shadowTable = 'order_summaries_next';

/**
 * The query side: one denormalised row per order, shaped for "my orders" pages. Indexed for the
 * keyset paging in `OrderQueries` (customer, newest first). `version` is the order stream's version
 * of the last event applied: the guard that keeps an older or repeated event from moving a row back.
 * It can be rebuilt from the event store at any time.
 */
export const tableSql = (table: string): string => `
CREATE TABLE IF NOT EXISTS ${table} (
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
ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS ${table}_by_customer ON ${table} (customer_id, placed_at DESC, order_id DESC);
`;

export const orderSummariesSchema = tableSql(summariesTable);

/** Creates the live table if needed; left alone when current (DDL would lock it against the projection). */
export async function migrateOrderSummaries(db: SqlExecutor & { exec(sql: string): Promise<void> }): Promise<void> {
  const { rows } = await db.query<{ current: boolean }>(
    `SELECT to_regclass('${summariesTable}_by_customer') IS NOT NULL
        AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('${summariesTable}') AND attname = 'version' AND NOT attisdropped) AS current`,
  );
  if (rows[0]?.current === true) return;
  await db.exec(orderSummariesSchema);
}

/** A fresh, empty shadow table to rebuild into. */
export async function createShadow(tx: SqlExecutor): Promise<void> {
  await tx.query(`DROP TABLE IF EXISTS ${shadowTable}`);
  for (const statement of tableSql(shadowTable).split(';').map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
}

/** Replaces the live table with the shadow, in the caller's transaction: readers see one or the other. */
export async function swapInShadow(tx: SqlExecutor): Promise<void> {
  await tx.query(`DROP TABLE ${summariesTable}`);
  await tx.query(`ALTER TABLE ${shadowTable} RENAME TO ${summariesTable}`);
  await tx.query(`ALTER INDEX ${shadowTable}_by_customer RENAME TO ${summariesTable}_by_customer`);
  await tx.query(`ALTER INDEX ${shadowTable}_pkey RENAME TO ${summariesTable}_pkey`);
}
