import type { SqlDriver } from '../../server/storage/sql-driver.js';

/**
 * The inventory and payment services' own state, in the flows' database so that each change commits
 * with its inbox record and its outgoing events (outbox). In production each service would own its
 * database; what matters is that state, inbox and outbox share one.
 *
 * A reservation or payment row also serves as the order's tombstone: a `released` reservation or a
 * `cancelled` payment recorded before the reservation or charge arrived (the customer cancelled
 * first) stops a late OrderPlaced or InventoryReserved from holding stock or charging.
 */
export const servicesSchema = `
CREATE TABLE IF NOT EXISTS inventory_stock (
  product_id  TEXT PRIMARY KEY,
  available   INTEGER NOT NULL CHECK (available >= 0)
);
CREATE TABLE IF NOT EXISTS inventory_reservations (
  order_id        TEXT PRIMARY KEY,
  reservation_id  TEXT NOT NULL,
  items           JSONB NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('reserved', 'released', 'failed'))
);
CREATE TABLE IF NOT EXISTS payments (
  order_id    TEXT PRIMARY KEY,
  payment_id  TEXT,
  amount      DOUBLE PRECISION NOT NULL,
  currency    TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('charged', 'declined', 'refunded', 'cancelled'))
);
`;

export async function migrateServices(db: SqlDriver): Promise<void> {
  await db.exec(servicesSchema);
}
