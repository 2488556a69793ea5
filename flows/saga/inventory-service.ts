import type { Envelope, EventCodec, Outbox } from '../../client/index.js';
import type { SqlDriver, SqlExecutor } from '../../server/storage/sql-driver.js';
import {
  InventoryReservationCancelledV1Event,
  InventoryReservationFailedV1Event,
  InventoryReservedV1Event,
  type InventoryReservedV1,
} from '../generated/index.js';
import { metadataFrom } from './cause.js';
import { emit } from './emit.js';
import { lockOrder } from './order-lock.js';

export type ReservationRequest = Omit<InventoryReservedV1, 'reservationId'>;
export type ReservationResult = { ok: true; reservationId: string } | { ok: false; reason: string };

export interface InventoryServiceOptions {
  db: SqlDriver;
  codec: EventCodec;
  outbox: Outbox;
}

/**
 * The inventory service: stock per product and reservations per order, in tables. Each change and
 * the event announcing it commit together (outbox), inside the caller's transaction when one is
 * given (a choreography handler's inbox transaction). Business outcomes (reserved, out of stock) are
 * events and data; an outage (`goOffline`) throws, the way an unreachable warehouse system would.
 *
 * Idempotent per order: a repeated reserve or release changes nothing.
 */
export class InventoryService {
  private offline = false;
  private readonly source = 'inventory-service';

  constructor(private readonly deps: InventoryServiceOptions) {}

  /** Sets the opening stock of products not stocked yet (a restarted service keeps what it has). */
  async seed(stock: Record<string, number>): Promise<void> {
    for (const [productId, quantity] of Object.entries(stock)) {
      await this.deps.db.query('INSERT INTO inventory_stock (product_id, available) VALUES ($1, $2) ON CONFLICT (product_id) DO NOTHING', [productId, quantity]);
    }
  }

  async reserve(request: ReservationRequest, cause?: Envelope, tx?: SqlExecutor): Promise<ReservationResult> {
    this.assertOnline();
    if (tx === undefined) return this.deps.db.transaction((t) => this.reserve(request, cause, t));
    const metadata = metadataFrom(cause, this.source);
    const existing = await this.reservation(request.orderId, tx, true);
    if (existing?.status === 'reserved') return { ok: true, reservationId: existing.reservation_id };
    if (existing !== undefined) return { ok: false, reason: existing.status === 'released' ? `order ${request.orderId} was cancelled` : 'reservation failed before' };
    // Lock the products in a fixed order, so two reservations of the same products cannot deadlock.
    const products = [...new Set(request.items.map((i) => i.productId))].sort();
    const { rows } = await tx.query<{ product_id: string; available: number }>(
      'SELECT product_id, available FROM inventory_stock WHERE product_id = ANY($1::text[]) ORDER BY product_id FOR UPDATE',
      [products],
    );
    const available = new Map(rows.map((r) => [r.product_id, r.available]));
    const wanted = new Map<string, number>();
    for (const item of request.items) wanted.set(item.productId, (wanted.get(item.productId) ?? 0) + item.quantity);
    const short = [...wanted].find(([productId, quantity]) => (available.get(productId) ?? 0) < quantity);
    const reservationId = `res_${request.orderId}`;
    if (short !== undefined) {
      const reason = `insufficient stock of ${short[0]}`;
      await tx.query("INSERT INTO inventory_reservations (order_id, reservation_id, items, status) VALUES ($1, $2, $3::jsonb, 'failed')", [request.orderId, reservationId, JSON.stringify(request.items)]);
      const failed = InventoryReservationFailedV1Event;
      await emit(this.deps, tx, failed, { orderId: request.orderId, reason, productId: short[0] }, { aggregateId: request.orderId, metadata });
      return { ok: false, reason };
    }
    for (const [productId, quantity] of wanted) await tx.query('UPDATE inventory_stock SET available = available - $2 WHERE product_id = $1', [productId, quantity]);
    await tx.query("INSERT INTO inventory_reservations (order_id, reservation_id, items, status) VALUES ($1, $2, $3::jsonb, 'reserved')", [request.orderId, reservationId, JSON.stringify(request.items)]);
    await emit(this.deps, tx, InventoryReservedV1Event, { ...request, reservationId }, { aggregateId: reservationId, metadata });
    return { ok: true, reservationId };
  }

  /**
   * Releases the order's reservation (compensation, or the customer cancelled). Releasing nothing is
   * not an error: compensations repeat. With no reservation yet, it leaves a tombstone so that a
   * reservation arriving later is refused instead of holding stock for a cancelled order.
   */
  async release(orderId: string, reason: string, cause?: Envelope, tx?: SqlExecutor): Promise<void> {
    this.assertOnline();
    if (tx === undefined) return this.deps.db.transaction((t) => this.release(orderId, reason, cause, t));
    const reservation = await this.reservation(orderId, tx, true);
    if (reservation === undefined) {
      await tx.query("INSERT INTO inventory_reservations (order_id, reservation_id, items, status) VALUES ($1, $2, '[]', 'released') ON CONFLICT (order_id) DO NOTHING", [orderId, `res_${orderId}`]);
      return;
    }
    if (reservation.status !== 'reserved') return;
    await tx.query("UPDATE inventory_reservations SET status = 'released' WHERE order_id = $1", [orderId]);
    for (const item of reservation.items) await tx.query('UPDATE inventory_stock SET available = available + $2 WHERE product_id = $1', [item.productId, item.quantity]);
    await emit(this.deps, tx, InventoryReservationCancelledV1Event, { orderId, reservationId: reservation.reservation_id, reason }, {
      aggregateId: reservation.reservation_id,
      metadata: metadataFrom(cause, this.source),
    });
  }

  async available(productId: string): Promise<number> {
    const { rows } = await this.deps.db.query<{ available: number }>('SELECT available FROM inventory_stock WHERE product_id = $1', [productId]);
    return rows[0]?.available ?? 0;
  }

  /** The order's reservation id while it holds stock. */
  async reservationFor(orderId: string): Promise<string | undefined> {
    const reservation = await this.reservation(orderId, this.deps.db, false);
    return reservation?.status === 'reserved' ? reservation.reservation_id : undefined;
  }

  /** Simulates the warehouse system going down: every call throws until `goOnline`. */
  goOffline(): void {
    this.offline = true;
  }

  goOnline(): void {
    this.offline = false;
  }

  private async reservation(orderId: string, tx: SqlExecutor, lock: boolean) {
    if (lock) await lockOrder(tx, this.source, orderId);
    const { rows } = await tx.query<{ reservation_id: string; items: InventoryReservedV1['items']; status: 'reserved' | 'released' | 'failed' }>(
      `SELECT reservation_id, items, status FROM inventory_reservations WHERE order_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [orderId],
    );
    return rows[0];
  }

  private assertOnline(): void {
    if (this.offline) throw new Error('warehouse system unavailable');
  }
}
