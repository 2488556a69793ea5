import type { Envelope, EventCodec } from '../../client/index.js';
import type { SqlExecutor } from '../../server/storage/sql-driver.js';
import { acceptFor } from '../contracts/readers.js';
import type { RecordedEvent } from '../event-store/index.js';
import { toOrderEvent, type OrderDomainEvent } from '../order/index.js';

type Apply = (tx: SqlExecutor, event: OrderDomainEvent, at: string) => Promise<void>;

const setStatus = (status: string, note: (e: OrderDomainEvent) => string | null): Apply => async (tx, event, at) => {
  await tx.query('UPDATE order_summaries SET status = $2, status_note = $3, updated_at = $4 WHERE order_id = $1', [event.data.orderId, status, note(event), at]);
};

/** One SQL change per order event type; the table below is the projection. */
const handlers: Record<OrderDomainEvent['type'], Apply> = {
  // ON CONFLICT: a replayed OrderPlaced leaves the row as the first one made it.
  OrderPlaced: async (tx, event, at) => {
    if (event.type !== 'OrderPlaced') return;
    const { orderId, customerId, currency, pricing, items, region } = event.data;
    await tx.query(
      `INSERT INTO order_summaries (order_id, customer_id, status, currency, total, item_count, region, placed_at, updated_at)
       VALUES ($1, $2, 'placed', $3, $4, $5, $6, $7, $7) ON CONFLICT (order_id) DO NOTHING`,
      [orderId, customerId, currency, pricing.total, items.reduce((n, i) => n + i.quantity, 0), region ?? null, at],
    );
  },
  OrderConfirmed: setStatus('confirmed', () => null),
  OrderShipped: setStatus('shipped', (e) => (e.type === 'OrderShipped' ? `${e.data.carrier} ${e.data.trackingNumber}` : null)),
  OrderCancelled: setStatus('cancelled', (e) => (e.type === 'OrderCancelled' ? e.data.reason : null)),
};

/**
 * Keeps `order_summaries` up to date from the event store's log. It runs inside the subscription's
 * transaction, so rows and checkpoint move together. Events are decoded with the flows' reader
 * ranges first: a 1.0.0 OrderPlaced lands in the table as 2.0.0 data, with its total intact.
 */
export class OrderSummaryProjection {
  constructor(private readonly codec: EventCodec) {}

  /** A `BatchHandler` for `StoreSubscription`. */
  readonly apply = async (events: RecordedEvent[], tx: SqlExecutor): Promise<void> => {
    for (const stored of events) {
      if (!stored.schema.subject.startsWith('order.')) continue;
      const event = await this.read(stored);
      if (event !== undefined) await handlers[event.type](tx, event, stored.timestamp);
    }
  };

  private async read(stored: Envelope): Promise<OrderDomainEvent | undefined> {
    const decoded = await this.codec.decode(stored, { accept: acceptFor(stored.schema.subject) });
    // An unreadable event must stop the projection (the batch rolls back), never be skipped.
    if (!decoded.ok) throw new Error(`order summaries cannot read ${stored.eventId}: ${decoded.reason}: ${decoded.message}`);
    return toOrderEvent(decoded.event);
  }
}
