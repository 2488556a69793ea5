import type { EventCodec, Outbox } from '../../client/index.js';
import { createEvent } from '../contracts/create-event.js';
import { ConcurrencyError, DuplicateEventError, type EventStore } from '../event-store/index.js';
import { OrderProcessingFailedV1Event, type OrderProcessingFailedV1 } from '../generated/index.js';

export const processingStreamId = (orderId: string): string => `order-processing-${orderId}`;

/**
 * Records a saga failure as an `order.OrderProcessingFailed` event: appended to the saga's own
 * stream (so it is in the log for audits and replays) and queued in the outbox (so on-call tooling
 * hears of it), in one transaction. Its event id is derived from the order, so a saga resumed after
 * a crash that records the same failure again appends and publishes nothing new.
 */
export function recordProcessingFailure(deps: { codec: EventCodec; store: EventStore; outbox: Outbox }): (failure: OrderProcessingFailedV1) => Promise<void> {
  const contract = OrderProcessingFailedV1Event;
  return async (failure) => {
    const envelope = await createEvent(deps.codec.registry, contract, failure, {
      eventId: `order-processing-failed-${failure.orderId}`,
      aggregateId: failure.orderId,
      metadata: { source: 'order-processing-saga' },
    });
    try {
      await deps.store.db.transaction(async (tx) => {
        await deps.store.append(processingStreamId(failure.orderId), [envelope], { expectedVersion: 0, tx });
        await deps.outbox.enqueue(tx, [envelope]);
      });
    } catch (error) {
      // Recorded before (the stream exists, or the event id is taken): the first record stands.
      if (!(error instanceof ConcurrencyError) && !(error instanceof DuplicateEventError)) throw error;
    }
  };
}
