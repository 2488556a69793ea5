import type { EventCodec, Publisher } from '../../client/index.js';
import { acceptFor } from '../contracts/readers.js';
import { memoryCheckpoints, StoreSubscription, type EventStore, type RecordedEvent } from '../event-store/index.js';
import { HighValueCustomerDetectedV1Event, OrderMetricsPublishedV1Event, OrderPlacedV2Event, type OrderPlacedV2 } from '../generated/index.js';
import { OrderMetrics, type AnalyticsOutput, type OrderMetricsOptions } from './order-metrics.js';

export interface AnalyticsStreamOptions extends OrderMetricsOptions {
  /** Where outputs are published; without one they are only collected in `outputs`. */
  publisher?: Publisher;
}

/**
 * Feeds `OrderMetrics` from the event store's log, in log order, and publishes what it emits. Its
 * state is in memory, so it always starts from position 0 (a memory checkpoint): on restart it
 * replays the history and, being deterministic, re-derives the same outputs. Published outputs
 * carry ids derived from their content, so consumers can drop the repeats a replay sends.
 */
export class AnalyticsStream {
  readonly metrics: OrderMetrics;
  readonly outputs: AnalyticsOutput[] = [];
  readonly subscription: StoreSubscription;

  constructor(
    store: EventStore,
    private readonly codec: EventCodec,
    private readonly options: AnalyticsStreamOptions = {},
  ) {
    this.metrics = new OrderMetrics(options);
    this.subscription = new StoreSubscription(store, { name: 'order-analytics', checkpoints: memoryCheckpoints(), handle: (events) => this.apply(events) });
  }

  catchUp(): Promise<number> {
    return this.subscription.catchUp();
  }

  /** Closes the open windows and publishes them. */
  async flush(): Promise<AnalyticsOutput[]> {
    const outputs = this.metrics.flush();
    await this.emit(outputs);
    return outputs;
  }

  private async apply(events: RecordedEvent[]): Promise<void> {
    for (const stored of events) {
      if (stored.schema.subject !== OrderPlacedV2Event.subject) continue;
      const decoded = await this.codec.decode<OrderPlacedV2>(stored, { accept: acceptFor(stored.schema.subject) });
      if (!decoded.ok) throw new Error(`analytics cannot read ${stored.eventId}: ${decoded.reason}: ${decoded.message}`);
      await this.emit(this.metrics.onOrderPlaced(decoded.event.data, stored.timestamp));
    }
  }

  private async emit(outputs: AnalyticsOutput[]): Promise<void> {
    for (const output of outputs) {
      this.outputs.push(output);
      if (this.options.publisher === undefined) continue;
      const [contract, eventId] =
        output.subject === OrderMetricsPublishedV1Event.subject
          ? [OrderMetricsPublishedV1Event, `metrics_${output.data.windowStart}`]
          : [HighValueCustomerDetectedV1Event, `high-value_${output.data.customerId}`];
      await this.options.publisher.publish(contract.subject, output.data, { version: contract.semver, eventId, metadata: { source: 'order-analytics' } });
    }
  }
}
