import {
  HighValueCustomerDetectedV1Event,
  OrderMetricsPublishedV1Event,
  type HighValueCustomerDetectedV1,
  type OrderMetricsPublishedV1,
  type OrderPlacedV2,
} from '../generated/index.js';
import { windowOf } from './tumbling-window.js';

export type AnalyticsOutput =
  | { subject: typeof HighValueCustomerDetectedV1Event.subject; data: HighValueCustomerDetectedV1 }
  | { subject: typeof OrderMetricsPublishedV1Event.subject; data: OrderMetricsPublishedV1 };

export interface OrderMetricsOptions {
  /** Window size. Default one minute. */
  windowMs?: number;
  /** How far behind the newest event time a window stays open for stragglers. Default 0. */
  allowedLatenessMs?: number;
  /** Revenue above which a customer is high-value. Default 10,000. */
  highValueThreshold?: number;
  /** Customers listed per window and in `topCustomers()`. Default 5. */
  topN?: number;
}

interface Tally {
  orders: number;
  /** In cents, so sums do not drift. */
  revenue: number;
}

const add = (map: Map<string, Tally>, key: string, cents: number, sign: 1 | -1 = 1) => {
  const tally = map.get(key) ?? { orders: 0, revenue: 0 };
  tally.orders += sign;
  tally.revenue += sign * cents;
  map.set(key, tally);
};

const rank = (map: Map<string, Tally>, n: number) =>
  [...map]
    .filter(([, t]) => t.orders > 0)
    .sort(([a, x], [b, y]) => y.revenue - x.revenue || y.orders - x.orders || (a < b ? -1 : 1))
    .slice(0, n)
    .map(([customerId, t]) => ({ customerId, orders: t.orders, revenue: t.revenue / 100 }));

interface Window {
  regions: Map<string, Tally>;
  customers: Map<string, Tally>;
}

/** What an order contributed, so a cancellation can take exactly that back out. */
interface Counted {
  windowStart: number;
  region: string;
  customerId: string;
  cents: number;
  cancelled: boolean;
}

/** The whole state as JSON: stored with the stream's checkpoint, in one transaction. */
export interface OrderMetricsState {
  windows: Array<[number, { regions: Array<[string, Tally]>; customers: Array<[string, Tally]> }]>;
  customers: Array<[string, Tally]>;
  regions: Array<[string, Tally]>;
  orders: Array<[string, Counted]>;
  highValue: string[];
  watermark: number | null;
  closedUpTo: number | null;
  lateEvents: number;
  lateCancellations: number;
}

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

/**
 * Orders and revenue per region in event-time tumbling windows, top customers, and high-value
 * detection, net of cancellations. Ties are broken by name: the same events in the same order give
 * the same outputs, live or replayed.
 *
 * A window closes when the watermark passes its end. The watermark is the newest event time minus
 * the allowed lateness, and it also advances with the clock (`advanceTo`), so a quiet period closes
 * windows without waiting for the next order.
 *
 * Late-event policy: an order for a closed window is not added to that window (counted in
 * `lateEvents`) but is in the all-time totals; a cancellation of an order whose window has closed
 * leaves the published window as it was (counted in `lateCancellations`) and comes off the all-time
 * totals. So all-time totals are always exact; published windows are final.
 */
export class OrderMetrics {
  private readonly windowMs: number;
  private readonly lateness: number;
  private readonly threshold: number;
  private readonly topN: number;
  private readonly windows = new Map<number, Window>();
  private readonly customers = new Map<string, Tally>();
  private readonly regions = new Map<string, Tally>();
  private readonly orders = new Map<string, Counted>();
  private readonly highValue = new Set<string>();
  private watermark = -Infinity;
  private closedUpTo = -Infinity;
  lateEvents = 0;
  lateCancellations = 0;

  constructor(options: OrderMetricsOptions = {}, state?: OrderMetricsState) {
    this.windowMs = options.windowMs ?? 60_000;
    this.lateness = options.allowedLatenessMs ?? 0;
    this.threshold = options.highValueThreshold ?? 10_000;
    this.topN = options.topN ?? 5;
    if (state !== undefined) this.restore(state);
  }

  /** Folds in one placed order; returns what it caused (a high-value alert, closed windows). A repeat of a counted order changes nothing. */
  onOrderPlaced(order: OrderPlacedV2, timestamp: string): AnalyticsOutput[] {
    if (this.orders.has(order.orderId)) return [];
    const time = Date.parse(timestamp);
    const { start } = windowOf(time, this.windowMs);
    const cents = Math.round(order.pricing.total * 100);
    const region = order.region ?? 'unknown';
    const outputs: AnalyticsOutput[] = [];
    if (start < this.closedUpTo) {
      this.lateEvents += 1;
    } else {
      const window = this.windows.get(start) ?? { regions: new Map(), customers: new Map() };
      this.windows.set(start, window);
      add(window.regions, region, cents);
      add(window.customers, order.customerId, cents);
    }
    this.orders.set(order.orderId, { windowStart: start, region, customerId: order.customerId, cents, cancelled: false });
    add(this.regions, region, cents);
    // Windows this event's time has passed close first: they are about earlier event time.
    outputs.push(...this.advanceWatermark(time - this.lateness));
    add(this.customers, order.customerId, cents);
    const customer = this.customers.get(order.customerId)!;
    if (customer.revenue > this.threshold * 100 && !this.highValue.has(order.customerId)) {
      this.highValue.add(order.customerId);
      outputs.push({
        subject: HighValueCustomerDetectedV1Event.subject,
        data: { customerId: order.customerId, totalRevenue: customer.revenue / 100, totalOrders: customer.orders, threshold: this.threshold, detectedAt: new Date(time).toISOString() },
      });
    }
    return outputs;
  }

  /** Takes a cancelled order back out of its window (while open) and of the totals. Unknown or repeated: nothing. */
  onOrderCancelled(orderId: string, timestamp: string): AnalyticsOutput[] {
    const counted = this.orders.get(orderId);
    if (counted === undefined || counted.cancelled) return [];
    counted.cancelled = true;
    const window = this.windows.get(counted.windowStart);
    if (window !== undefined) {
      add(window.regions, counted.region, counted.cents, -1);
      add(window.customers, counted.customerId, counted.cents, -1);
    } else this.lateCancellations += 1;
    add(this.regions, counted.region, counted.cents, -1);
    add(this.customers, counted.customerId, counted.cents, -1);
    return this.advanceWatermark(Date.parse(timestamp) - this.lateness);
  }

  /** The clock says it is `now`: windows older than `now − allowed lateness − grace` close. */
  advanceTo(now: number, graceMs = 0): AnalyticsOutput[] {
    return this.advanceWatermark(now - this.lateness - graceMs);
  }

  /** Closes every open window (end of a replay, or shutdown). */
  flush(): AnalyticsOutput[] {
    return this.close(() => true);
  }

  /** Customers by net revenue across all time. */
  topCustomers(n = this.topN): Array<{ customerId: string; orders: number; revenue: number }> {
    return rank(this.customers, n);
  }

  /** Net orders and revenue per region across all time, by region name. */
  totals(): Array<{ region: string; orders: number; revenue: number }> {
    return [...this.regions]
      .filter(([, t]) => t.orders !== 0 || t.revenue !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([region, t]) => ({ region, orders: t.orders, revenue: t.revenue / 100 }));
  }

  toJSON(): OrderMetricsState {
    return {
      windows: [...this.windows].map(([start, w]) => [start, { regions: [...w.regions], customers: [...w.customers] }]),
      customers: [...this.customers],
      regions: [...this.regions],
      orders: [...this.orders],
      highValue: [...this.highValue],
      watermark: finite(this.watermark),
      closedUpTo: finite(this.closedUpTo),
      lateEvents: this.lateEvents,
      lateCancellations: this.lateCancellations,
    };
  }

  private restore(state: OrderMetricsState): void {
    for (const [start, w] of state.windows) this.windows.set(start, { regions: new Map(w.regions), customers: new Map(w.customers) });
    for (const [k, v] of state.customers) this.customers.set(k, v);
    for (const [k, v] of state.regions) this.regions.set(k, v);
    for (const [k, v] of state.orders) this.orders.set(k, v);
    for (const id of state.highValue) this.highValue.add(id);
    this.watermark = state.watermark ?? -Infinity;
    this.closedUpTo = state.closedUpTo ?? -Infinity;
    this.lateEvents = state.lateEvents;
    this.lateCancellations = state.lateCancellations;
  }

  private advanceWatermark(to: number): AnalyticsOutput[] {
    this.watermark = Math.max(this.watermark, to);
    return this.close((end) => end <= this.watermark);
  }

  private close(due: (windowEnd: number) => boolean): AnalyticsOutput[] {
    const outputs: AnalyticsOutput[] = [];
    for (const start of [...this.windows.keys()].sort((a, b) => a - b)) {
      const end = start + this.windowMs;
      if (!due(end)) break;
      const window = this.windows.get(start)!;
      this.windows.delete(start);
      this.closedUpTo = Math.max(this.closedUpTo, end);
      const regions = [...window.regions]
        .filter(([, t]) => t.orders > 0)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([region, t]) => ({ region, orders: t.orders, revenue: t.revenue / 100 }));
      outputs.push({
        subject: OrderMetricsPublishedV1Event.subject,
        data: { windowStart: new Date(start).toISOString(), windowEnd: new Date(end).toISOString(), regions, topCustomers: rank(window.customers, this.topN) },
      });
    }
    return outputs;
  }
}
