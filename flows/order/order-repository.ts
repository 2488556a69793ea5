import type { Envelope, EventCodec, EventMetadata } from '../../client/index.js';
import { createEvent, type GeneratedContract } from '../contracts/create-event.js';
import { acceptFor } from '../contracts/readers.js';
import type { SqlExecutor } from '../../server/storage/sql-driver.js';
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

/** Names the snapshot's shape: bump it when `OrderState` changes, and old snapshots are ignored. */
export const orderSnapshotKind = 'order-state@1';

/**
 * Loads and saves Order aggregates on the event store, through the SDK in both directions: events
 * are encoded (validated) at the versions the service writes, and decoded with the ranges it reads,
 * so an order stored at 1.0.0 comes back upcast to 2.0.0.
 *
 * Every `snapshotEvery` events it stores the state as a snapshot (in the append's transaction), and
 * loads from the latest snapshot plus the events after it.
 */
export class OrderRepository {
  constructor(
    private readonly store: EventStore,
    private readonly codec: EventCodec,
    private readonly options: { snapshotEvery?: number } = {},
  ) {}

  async load(orderId: string, tx: SqlExecutor = this.store.db): Promise<LoadedOrder> {
    const streamId = orderStreamId(orderId);
    const snapshot = await this.store.loadSnapshot<OrderState>(streamId, orderSnapshotKind, tx);
    return this.replay(streamId, snapshot?.state ?? initialOrderState, snapshot?.version ?? 0, tx);
  }

  /** The first `count` stored events of the order, as written. */
  history(orderId: string, count: number) {
    return this.store.readStream(orderStreamId(orderId), { toVersion: count });
  }

  /** The order as it stood after `version`, or at `asOf`: history, not snapshots (which only know the present). */
  async loadAt(orderId: string, at: { version?: number; asOf?: Date }): Promise<LoadedOrder> {
    return this.replay(orderStreamId(orderId), initialOrderState, 0, this.store.db, { toVersion: at.version, asOf: at.asOf });
  }

  private async replay(streamId: string, from: OrderState, fromVersion: number, tx: SqlExecutor, range: { toVersion?: number; asOf?: Date } = {}): Promise<LoadedOrder> {
    let state = from;
    let version = fromVersion;
    for (const stored of await this.store.readStream(streamId, { fromVersion: fromVersion + 1, ...range }, tx)) {
      const decoded = await this.codec.decode(stored, { accept: acceptFor(stored.schema.subject) });
      if (!decoded.ok) throw new UnreadableHistoryError(streamId, stored.eventId, `${decoded.reason}: ${decoded.message}`);
      const event = toOrderEvent(decoded.event);
      if (event !== undefined) state = evolve(state, event);
      version = stored.streamVersion;
    }
    return { state, version };
  }

  /**
   * Encodes and appends `events` after `expectedVersion` in `tx`; throws `ConcurrencyError` when
   * another writer got there first. Returns the envelopes as stored, for the outbox.
   */
  async save(
    orderId: string,
    events: readonly OrderDomainEvent[],
    loaded: LoadedOrder,
    metadata: Partial<EventMetadata>,
    tx: SqlExecutor,
  ): Promise<Envelope[]> {
    const expectedVersion = loaded.version;
    const envelopes: Envelope[] = [];
    for (const [i, event] of events.entries()) {
      const contract = orderContracts[event.type];
      envelopes.push(
        await createEvent(this.codec.registry, contract as GeneratedContract<OrderDomainEvent['data']>, event.data, {
          aggregateId: orderId,
          version: expectedVersion + i + 1,
          metadata: { source: 'order-service', ...metadata },
        }),
      );
    }
    const streamId = orderStreamId(orderId);
    const { nextVersion } = await this.store.append(streamId, envelopes, { expectedVersion, tx });
    const every = this.options.snapshotEvery ?? 20;
    if (Math.floor(nextVersion / every) > Math.floor(expectedVersion / every)) {
      await this.store.saveSnapshot(streamId, orderSnapshotKind, nextVersion, events.reduce(evolve, loaded.state), tx);
    }
    return envelopes;
  }
}
