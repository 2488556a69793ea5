import type { Envelope, EventCodec, EventMetadata } from '../../client/index.js';
import { acceptFor } from '../contracts/readers.js';
import type { EventStore } from '../event-store/index.js';
import { orderContracts, toOrderEvent, type OrderDomainEvent } from './order-events.js';
import { evolve, initialOrderState, type OrderState } from './order-state.js';

/** An order as loaded: its state and the stream version the next append must expect. */
export interface LoadedOrder {
  state: OrderState;
  version: number;
}

/** An event in the history that this service cannot read: stored data is never skipped silently. */
export class UnreadableHistoryError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`cannot read event ${eventId} of ${streamId}: ${reason}`);
    this.name = 'UnreadableHistoryError';
  }
}

export const orderStreamId = (orderId: string): string => `order-${orderId}`;

/**
 * Loads and saves Order aggregates on the event store, through the SDK in both directions: events
 * are encoded (validated) at the versions the service writes, and decoded with the ranges it reads,
 * so an order stored at 1.0.0 comes back upcast to 2.0.0.
 */
export class OrderRepository {
  constructor(
    private readonly store: EventStore,
    private readonly codec: EventCodec,
  ) {}

  async load(orderId: string): Promise<LoadedOrder> {
    const streamId = orderStreamId(orderId);
    let state = initialOrderState;
    let version = 0;
    for (const stored of await this.store.readStream(streamId)) {
      const decoded = await this.codec.decode(stored, { accept: acceptFor(stored.schema.subject) });
      if (!decoded.ok) throw new UnreadableHistoryError(streamId, stored.eventId, `${decoded.reason}: ${decoded.message}`);
      const event = toOrderEvent(decoded.event);
      if (event !== undefined) state = evolve(state, event);
      version = stored.streamVersion;
    }
    return { state, version };
  }

  /**
   * Encodes and appends `events` after `expectedVersion`; throws `ConcurrencyError` when another
   * writer got there first. Returns the envelopes as stored, for publishing.
   */
  async save(orderId: string, events: readonly OrderDomainEvent[], expectedVersion: number, metadata: Partial<EventMetadata>): Promise<Envelope[]> {
    const envelopes: Envelope[] = [];
    for (const [i, event] of events.entries()) {
      const contract = orderContracts[event.type];
      envelopes.push(
        await this.codec.encode(contract.subject, event.data, {
          version: contract.semver,
          eventType: contract.eventType,
          aggregateId: orderId,
          aggregateType: contract.aggregateType,
          aggregateVersion: expectedVersion + i + 1,
          metadata,
        }),
      );
    }
    await this.store.append(orderStreamId(orderId), envelopes, { expectedVersion });
    return envelopes;
  }
}
