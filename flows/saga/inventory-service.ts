import type { Envelope, Publisher } from '../../client/index.js';
import {
  InventoryReservationCancelledV1Event,
  InventoryReservationFailedV1Event,
  InventoryReservedV1Event,
  type InventoryReservedV1,
} from '../generated/index.js';
import { metadataFrom } from './cause.js';

export type ReservationRequest = Omit<InventoryReservedV1, 'reservationId'>;
export type ReservationResult = { ok: true; reservationId: string } | { ok: false; reason: string };

interface Reservation {
  reservationId: string;
  items: InventoryReservedV1['items'];
}

/**
 * The inventory service: stock per product, reservations per order. Business outcomes (reserved,
 * out of stock) are published as events and returned as data; an outage (`goOffline`) throws, the
 * way an unreachable warehouse system would.
 *
 * Idempotent per order: a redelivered OrderPlaced does not reserve twice.
 */
export class InventoryService {
  private readonly stock: Map<string, number>;
  private readonly reservations = new Map<string, Reservation>();
  private offline = false;
  private sequence = 0;
  private readonly source = 'inventory-service';

  constructor(
    private readonly publisher: Publisher,
    stock: Record<string, number>,
  ) {
    this.stock = new Map(Object.entries(stock));
  }

  async reserve(request: ReservationRequest, cause?: Envelope): Promise<ReservationResult> {
    this.assertOnline();
    const existing = this.reservations.get(request.orderId);
    if (existing !== undefined) return { ok: true, reservationId: existing.reservationId };
    const metadata = metadataFrom(cause, this.source);
    const short = request.items.find((item) => (this.stock.get(item.productId) ?? 0) < item.quantity);
    if (short !== undefined) {
      const reason = `insufficient stock of ${short.productId}`;
      const failed = InventoryReservationFailedV1Event;
      await this.publisher.publish(failed.subject, { orderId: request.orderId, reason, productId: short.productId }, { version: failed.semver, aggregateId: request.orderId, aggregateType: failed.aggregateType, metadata });
      return { ok: false, reason };
    }
    for (const item of request.items) this.stock.set(item.productId, this.stock.get(item.productId)! - item.quantity);
    const reservationId = `res_${++this.sequence}_${request.orderId}`;
    this.reservations.set(request.orderId, { reservationId, items: request.items });
    const reserved = InventoryReservedV1Event;
    await this.publisher.publish(reserved.subject, { ...request, reservationId }, { version: reserved.semver, aggregateId: reservationId, aggregateType: reserved.aggregateType, metadata });
    return { ok: true, reservationId };
  }

  /** Releases the order's reservation (compensation). Releasing nothing is not an error: compensations repeat. */
  async release(orderId: string, reason: string, cause?: Envelope): Promise<void> {
    this.assertOnline();
    const reservation = this.reservations.get(orderId);
    if (reservation === undefined) return;
    this.reservations.delete(orderId);
    for (const item of reservation.items) this.stock.set(item.productId, (this.stock.get(item.productId) ?? 0) + item.quantity);
    const cancelled = InventoryReservationCancelledV1Event;
    await this.publisher.publish(
      cancelled.subject,
      { orderId, reservationId: reservation.reservationId, reason },
      { version: cancelled.semver, aggregateId: reservation.reservationId, aggregateType: cancelled.aggregateType, metadata: metadataFrom(cause, this.source) },
    );
  }

  available(productId: string): number {
    return this.stock.get(productId) ?? 0;
  }

  reservationFor(orderId: string): string | undefined {
    return this.reservations.get(orderId)?.reservationId;
  }

  /** Simulates the warehouse system going down: every call throws until `goOnline`. */
  goOffline(): void {
    this.offline = true;
  }

  goOnline(): void {
    this.offline = false;
  }

  private assertOnline(): void {
    if (this.offline) throw new Error('warehouse system unavailable');
  }
}
