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

const add = (map: Map<string, Tally>, key: string, cents: number) => {
  const tally = map.get(key) ?? { orders: 0, revenue: 0 };
  tally.orders += 1;
  tally.revenue += cents;
  map.set(key, tally);
};

const rank = (map: Map<string, Tally>, n: number) =>
  [...map]
    .sort(([a, x], [b, y]) => y.revenue - x.revenue || y.orders - x.orders || (a < b ? -1 : 1))
    .slice(0, n)
    .map(([customerId, t]) => ({ customerId, orders: t.orders, revenue: t.revenue / 100 }));

/**
 * Orders and revenue per region in event-time tumbling windows, top customers, and high-value
 * detection. Time comes only from the events (their `timestamp`), never from the clock, and ties
 * are broken by name: the same events in the same order give the same outputs, live or replayed.
 *
 * A window closes when the watermark (newest event time − allowed lateness) passes its end; events
 * for a closed window are counted in `lateEvents` and otherwise dropped. Revenue is gross: what
 * was placed, cancellations included.
 */
export class OrderMetrics {
  private readonly windowMs: number;
  private readonly lateness: number;
  private readonly threshold: number;
  private readonly topN: number;
  private readonly windows = new Map<number, { regions: Map<string, Tally>; customers: Map<string, Tally> }>();
  private readonly customers = new Map<string, Tally>();
  private readonly highValue = new Set<string>();
  private watermark = -Infinity;
  private closedUpTo = -Infinity;
  lateEvents = 0;

  constructor(options: OrderMetricsOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.lateness = options.allowedLatenessMs ?? 0;
    this.threshold = options.highValueThreshold ?? 10_000;
    this.topN = options.topN ?? 5;
  }

  /** Folds in one placed order; returns what it caused (a high-value alert, closed windows). */
  onOrderPlaced(order: OrderPlacedV2, timestamp: string): AnalyticsOutput[] {
    const time = Date.parse(timestamp);
    const { start } = windowOf(time, this.windowMs);
    const cents = Math.round(order.pricing.total * 100);
    const outputs: AnalyticsOutput[] = [];
    if (start < this.closedUpTo) {
      this.lateEvents += 1;
    } else {
      const window = this.windows.get(start) ?? { regions: new Map(), customers: new Map() };
      this.windows.set(start, window);
      add(window.regions, order.region ?? 'unknown', cents);
      add(window.customers, order.customerId, cents);
    }
    // Windows this event's time has passed close first: they are about earlier event time.
    this.watermark = Math.max(this.watermark, time - this.lateness);
    outputs.push(...this.close((end) => end <= this.watermark));
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

  /** Closes every open window (end of a replay, or shutdown). */
  flush(): AnalyticsOutput[] {
    return this.close(() => true);
  }

  /** Customers by revenue across all time. */
  topCustomers(n = this.topN): Array<{ customerId: string; orders: number; revenue: number }> {
    return rank(this.customers, n);
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
