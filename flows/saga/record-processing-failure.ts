import type { EventCodec, Publisher } from '../../client/index.js';
import type { EventStore } from '../event-store/index.js';
import { OrderProcessingFailedV1Event, type OrderProcessingFailedV1 } from '../generated/index.js';

export const processingStreamId = (orderId: string): string => `order-processing-${orderId}`;

/**
 * Records a saga failure as an `order.OrderProcessingFailed` event: appended to the saga's own
 * stream (so it is in the log for audits and replays) and published (so on-call tooling can react).
 */
export function recordProcessingFailure(deps: { codec: EventCodec; store: EventStore; publisher: Publisher }): (failure: OrderProcessingFailedV1) => Promise<void> {
  const contract = OrderProcessingFailedV1Event;
  return async (failure) => {
    const envelope = await deps.codec.encode(contract.subject, failure, {
      version: contract.semver,
      aggregateId: failure.orderId,
      aggregateType: contract.aggregateType,
      metadata: { source: 'order-processing-saga' },
    });
    await deps.store.append(processingStreamId(failure.orderId), [envelope], { expectedVersion: 'any' });
    await deps.publisher.publishEnvelope(envelope);
  };
}
