import type { SqlExecutor } from '../../server/storage/sql-driver.js';

/**
 * Serialises one service's work on one order until `tx` ends (a transaction-scoped advisory lock).
 * Row locks cannot do it while the order has no row yet: a reservation and a cancellation arriving
 * together both saw "no row", the cancellation's tombstone insert then met the reservation's
 * committed row and did nothing, and the stock (or the charge) stayed held for a cancelled order.
 * With the lock, the second to come reads what the first committed.
 */
export async function lockOrder(tx: SqlExecutor, service: string, orderId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${service}:${orderId}`]);
}
