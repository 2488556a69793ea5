import type { Envelope, EventCodec } from '../../client/index.js';
import type { SqlExecutor } from '../../server/storage/sql-driver.js';
import { acceptFor } from '../contracts/readers.js';
import type { RecordedEvent } from '../event-store/index.js';
import { toOrderEvent, type OrderDomainEvent } from '../order/index.js';

type Apply = (tx: SqlExecutor, table: string, event: OrderDomainEvent, stored: RecordedEvent) => Promise<void>;

// Every change is guarded by the row's version: an event at or below it (a redelivery, an older
// event arriving late) changes nothing, so state never moves backwards.
const setStatus = (status: string, note: (e: OrderDomainEvent) => string | null): Apply => async (tx, table, event, stored) => {
  await tx.query(`UPDATE ${table} SET status = $2, status_note = $3, updated_at = $4, version = $5 WHERE order_id = $1 AND version < $5`, [
    event.data.orderId,
    status,
    note(event),
    stored.timestamp,
    stored.streamVersion,
  ]);
};

/** One SQL change per order event type; the table below is the projection. */
const handlers: Record<OrderDomainEvent['type'], Apply> = {
  // ON CONFLICT: a replayed OrderPlaced leaves the row as the first one made it.
  OrderPlaced: async (tx, table, event, stored) => {
    if (event.type !== 'OrderPlaced') return;
    const { orderId, customerId, currency, pricing, items, region } = event.data;
    await tx.query(
      `INSERT INTO ${table} (order_id, customer_id, status, currency, total, item_count, region, placed_at, updated_at, version)
       VALUES ($1, $2, 'placed', $3, $4, $5, $6, $7, $7, $8) ON CONFLICT (order_id) DO NOTHING`,
      [orderId, customerId, currency, pricing.total, items.reduce((n, i) => n + i.quantity, 0), region ?? null, stored.timestamp, stored.streamVersion],
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
  constructor(
    private readonly codec: EventCodec,
    /** The table written: the live one, or the shadow a rebuild fills. */
    private readonly table = 'order_summaries',
  ) {}

  /** A `BatchHandler` for `StoreSubscription`. */
  readonly apply = async (events: RecordedEvent[], tx: SqlExecutor): Promise<void> => {
    for (const stored of events) {
      if (!stored.schema.subject.startsWith('order.')) continue;
      const event = await this.read(stored);
      if (event !== undefined) await handlers[event.type](tx, this.table, event, stored);
    }
  };

  private async read(stored: Envelope): Promise<OrderDomainEvent | undefined> {
    const decoded = await this.codec.decode(stored, { accept: acceptFor(stored.schema.subject) });
    // An unreadable event must stop the projection (the batch rolls back), never be skipped.
    if (!decoded.ok) throw new Error(`order summaries cannot read ${stored.eventId}: ${decoded.reason}: ${decoded.message}`);
    return toOrderEvent(decoded.event);
  }
}
