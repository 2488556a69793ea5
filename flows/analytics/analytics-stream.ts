import type { EventCodec, Outbox } from '../../client/index.js';
import type { SqlExecutor } from '../../server/storage/sql-driver.js';
import { declareConsumerGroups } from '../contracts/consumer-groups.js';
import { createEvent } from '../contracts/create-event.js';
import { acceptFor } from '../contracts/readers.js';
import { StoreSubscription, type EventStore, type RecordedEvent } from '../event-store/index.js';
import {
  HighValueCustomerDetectedV1Event,
  OrderCancelledV1Event,
  OrderMetricsPublishedV1Event,
  OrderPlacedV2Event,
  type OrderCancelledV1,
  type OrderPlacedV2,
} from '../generated/index.js';
import { OrderMetrics, type AnalyticsOutput, type OrderMetricsOptions, type OrderMetricsState } from './order-metrics.js';

export interface AnalyticsStreamOptions extends OrderMetricsOptions {
  /** Names the state row and the checkpoint. Default `'order-analytics'`. */
  name?: string;
  /** Outputs are queued in the outbox (published by the relay) unless this is false. Default true. */
  publish?: boolean;
  /** With `start()`: how often the clock advances the watermark. Default 1,000 ms. */
  tickMs?: number;
  /** How far behind the clock the watermark stays, for events still in flight. Default 1,000 ms. */
  clockGraceMs?: number;
}

export const analyticsSchema = `
CREATE TABLE IF NOT EXISTS analytics_state (
  name        TEXT PRIMARY KEY,
  state       JSONB NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
`;

/**
 * Feeds `OrderMetrics` from the event store's log, exactly once: each batch loads the state, folds
 * the events in, saves the state, queues the outputs in the outbox and moves the checkpoint, all in
 * one transaction. A failure anywhere rolls all of it back, so nothing is counted twice; a restart
 * resumes from the checkpoint with the state that matches it, instead of replaying from 0.
 *
 * Output event ids are derived from their content (the window, the customer), so an output queued
 * twice (a window closed by the clock and by an event racing it) is published once.
 */
export class AnalyticsStream {
  /** Outputs of committed batches and ticks, in order (for callers that do not read the bus). */
  readonly outputs: AnalyticsOutput[] = [];
  readonly subscription: StoreSubscription;
  private pending: AnalyticsOutput[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly name: string;

  private constructor(
    private readonly store: EventStore,
    private readonly codec: EventCodec,
    private readonly outbox: Outbox,
    private readonly options: AnalyticsStreamOptions,
  ) {
    this.name = options.name ?? 'order-analytics';
    this.subscription = new StoreSubscription(store, {
      name: this.name,
      handle: (events, tx) => this.apply(events, tx),
      afterCommit: () => this.committed(),
    });
  }

  static async open(store: EventStore, codec: EventCodec, outbox: Outbox, options: AnalyticsStreamOptions = {}): Promise<AnalyticsStream> {
    await store.db.exec(analyticsSchema);
    // It reads placements and cancellations from the log: declared like any consumer group.
    await declareConsumerGroups(codec.registry, { [options.name ?? 'order-analytics']: [OrderPlacedV2Event.subject, OrderCancelledV1Event.subject] });
    return new AnalyticsStream(store, codec, outbox, options);
  }

  /** Folds in every event written so far; returns how many. A failed batch leaves no trace. */
  async catchUp(): Promise<number> {
    try {
      return await this.subscription.catchUp();
    } finally {
      this.pending = [];
    }
  }

  /** Follows the log, and advances the watermark with the clock every `tickMs`. */
  start(onError: (error: unknown) => void = () => undefined): void {
    this.subscription.start(onError);
    const tick = () => {
      this.tick(Date.now()).catch(onError);
      this.timer = setTimeout(tick, this.options.tickMs ?? 1_000);
      this.timer.unref();
    };
    this.timer = setTimeout(tick, this.options.tickMs ?? 1_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.subscription.stop();
  }

  /** The clock reads `now`: closes the windows the watermark has passed, in one transaction. */
  async tick(now: number): Promise<AnalyticsOutput[]> {
    const outputs = await this.store.db.transaction(async (tx) => {
      const metrics = await this.load(tx);
      const closed = metrics.advanceTo(now, this.options.clockGraceMs ?? 1_000);
      await this.emit(closed, tx);
      await this.save(metrics, tx);
      return closed;
    });
    this.outputs.push(...outputs);
    return outputs;
  }

  /** Closes every open window (end of a replay, or shutdown), in one transaction. */
  async flush(): Promise<AnalyticsOutput[]> {
    const outputs = await this.store.db.transaction(async (tx) => {
      const metrics = await this.load(tx);
      const closed = metrics.flush();
      await this.emit(closed, tx);
      await this.save(metrics, tx);
      return closed;
    });
    this.outputs.push(...outputs);
    return outputs;
  }

  /** The committed state. */
  async metrics(): Promise<OrderMetrics> {
    return this.store.db.transaction((tx) => this.load(tx));
  }

  private async apply(events: RecordedEvent[], tx: SqlExecutor): Promise<void> {
    const metrics = await this.load(tx);
    const outputs: AnalyticsOutput[] = [];
    for (const stored of events) {
      const subject = stored.schema.subject;
      if (subject !== OrderPlacedV2Event.subject && subject !== OrderCancelledV1Event.subject) continue;
      const decoded = await this.codec.decode<OrderPlacedV2 | OrderCancelledV1>(stored, { accept: acceptFor(subject) });
      if (!decoded.ok) throw new Error(`analytics cannot read ${stored.eventId}: ${decoded.reason}: ${decoded.message}`);
      if (subject === OrderPlacedV2Event.subject) outputs.push(...metrics.onOrderPlaced(decoded.event.data as OrderPlacedV2, stored.timestamp));
      else outputs.push(...metrics.onOrderCancelled((decoded.event.data as OrderCancelledV1).orderId, stored.timestamp));
    }
    await this.emit(outputs, tx);
    await this.save(metrics, tx);
    this.pending.push(...outputs);
  }

  private committed(): void {
    this.outputs.push(...this.pending);
    this.pending = [];
  }

  private async load(tx: SqlExecutor): Promise<OrderMetrics> {
    await tx.query(`INSERT INTO analytics_state (name, state) VALUES ($1, $2::jsonb) ON CONFLICT (name) DO NOTHING`, [this.name, JSON.stringify(new OrderMetrics(this.options).toJSON())]);
    const { rows } = await tx.query<{ state: OrderMetricsState }>('SELECT state FROM analytics_state WHERE name = $1 FOR UPDATE', [this.name]);
    return new OrderMetrics(this.options, rows[0].state);
  }

  private async save(metrics: OrderMetrics, tx: SqlExecutor): Promise<void> {
    await tx.query('UPDATE analytics_state SET state = $2::jsonb, updated_at = now() WHERE name = $1', [this.name, JSON.stringify(metrics.toJSON())]);
  }

  private async emit(outputs: AnalyticsOutput[], tx: SqlExecutor): Promise<void> {
    if (this.options.publish === false || outputs.length === 0) return;
    const envelopes = [];
    for (const output of outputs) {
      // Ids derived from the content: the window, the customer. The aggregate is what the event is about.
      const envelope =
        output.subject === OrderMetricsPublishedV1Event.subject
          ? await createEvent(this.codec.registry, OrderMetricsPublishedV1Event, output.data, {
              eventId: `${this.name}_metrics_${output.data.windowStart}`,
              aggregateId: `${this.name}_${output.data.windowStart}`,
              metadata: { source: 'order-analytics' },
            })
          : await createEvent(this.codec.registry, HighValueCustomerDetectedV1Event, output.data, {
              eventId: `${this.name}_high-value_${output.data.customerId}`,
              aggregateId: output.data.customerId,
              metadata: { source: 'order-analytics' },
            });
      envelopes.push(envelope);
    }
    await this.outbox.enqueue(tx, envelopes);
  }
}
