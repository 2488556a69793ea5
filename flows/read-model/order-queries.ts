import type { SqlExecutor } from '../../server/storage/sql-driver.js';

export interface OrderSummary {
  orderId: string;
  customerId: string;
  status: string;
  currency: string;
  total: number;
  itemCount: number;
  region: string | null;
  placedAt: string;
  statusNote: string | null;
}

export interface OrderPage {
  orders: OrderSummary[];
  /** Pass as `after` for the next page; absent on the last page. */
  next?: string;
}

interface Row {
  order_id: string;
  customer_id: string;
  status: string;
  currency: string;
  total: number;
  item_count: number;
  region: string | null;
  placed_at: Date | string;
  status_note: string | null;
}

const columns = 'order_id, customer_id, status, currency, total, item_count, region, placed_at, status_note';

const toSummary = (r: Row): OrderSummary => ({
  orderId: r.order_id,
  customerId: r.customer_id,
  status: r.status,
  currency: r.currency,
  total: Number(r.total),
  itemCount: r.item_count,
  region: r.region,
  placedAt: new Date(r.placed_at).toISOString(),
  statusNote: r.status_note,
});

// The cursor is opaque to callers but is just the last row's sort key.
const encodeCursor = (s: OrderSummary): string => Buffer.from(JSON.stringify([s.placedAt, s.orderId])).toString('base64url');
const decodeCursor = (cursor: string): [string, string] => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];

/**
 * Reads the order summaries. Pages by keyset (placed_at, order_id), not OFFSET: a page costs the
 * same however deep it is, and orders placed meanwhile do not shift the pages being read.
 */
export class OrderQueries {
  constructor(private readonly db: SqlExecutor) {}

  async byId(orderId: string): Promise<OrderSummary | undefined> {
    const { rows } = await this.db.query<Row>(`SELECT ${columns} FROM order_summaries WHERE order_id = $1`, [orderId]);
    return rows[0] === undefined ? undefined : toSummary(rows[0]);
  }

  /** A customer's orders, newest first. */
  async byCustomer(customerId: string, page: { limit?: number; after?: string } = {}): Promise<OrderPage> {
    const limit = Math.min(Math.max(page.limit ?? 20, 1), 200);
    const params: unknown[] = [customerId, limit + 1];
    let keyset = '';
    if (page.after !== undefined) {
      const [placedAt, orderId] = decodeCursor(page.after);
      params.push(placedAt, orderId);
      keyset = 'AND (placed_at, order_id) < ($3::timestamptz, $4)';
    }
    const { rows } = await this.db.query<Row>(
      `SELECT ${columns} FROM order_summaries WHERE customer_id = $1 ${keyset} ORDER BY placed_at DESC, order_id DESC LIMIT $2`,
      params,
    );
    const orders = rows.slice(0, limit).map(toSummary);
    return rows.length > limit ? { orders, next: encodeCursor(orders[orders.length - 1]) } : { orders };
  }

  /** Every summary in a stable order: what the replay test compares. */
  async all(): Promise<OrderSummary[]> {
    const { rows } = await this.db.query<Row>(`SELECT ${columns} FROM order_summaries ORDER BY order_id`);
    return rows.map(toSummary);
  }
}
