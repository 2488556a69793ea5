import type { EventCodec } from '../../client/index.js';
import { declareConsumerGroups } from '../contracts/consumer-groups.js';
import { orderContracts } from '../order/index.js';
import { sqlCheckpoints, StoreSubscription, type EventStore } from '../event-store/index.js';
import { createShadow, migrateOrderSummaries, shadowTable, summariesTable, swapInShadow } from './order-summaries-schema.js';
import { OrderQueries } from './order-queries.js';
import { OrderSummaryProjection } from './order-summary-projection.js';

const liveName = 'order-summaries';
const shadowName = 'order-summaries-rebuild';

/**
 * The order summaries read model, assembled: its table, the projection following the store, and
 * the queries. It lives in the event store's database so rows and checkpoint share a transaction.
 *
 * @example
 *   const readModel = await OrderReadModel.open(store, codec);
 *   readModel.follow();                       // or await readModel.catchUp()
 *   await readModel.queries.byCustomer('cust_ada', { limit: 10 });
 */
export class OrderReadModel {
  readonly queries: OrderQueries;
  readonly subscription: StoreSubscription;
  private following: ((error: unknown) => void) | undefined;

  private constructor(
    private readonly store: EventStore,
    private readonly codec: EventCodec,
  ) {
    this.queries = new OrderQueries(store.db);
    this.subscription = new StoreSubscription(store, { name: liveName, handle: new OrderSummaryProjection(codec, summariesTable).apply });
  }

  static async open(store: EventStore, codec: EventCodec): Promise<OrderReadModel> {
    await migrateOrderSummaries(store.db);
    // It reads the Order aggregate's events from the log: declared like any consumer group.
    await declareConsumerGroups(codec.registry, { [liveName]: Object.values(orderContracts).map((c) => c.subject) });
    return new OrderReadModel(store, codec);
  }

  catchUp(): Promise<number> {
    return this.subscription.catchUp();
  }

  follow(onError: (error: unknown) => void = () => undefined): void {
    this.following = onError;
    this.subscription.start(onError);
  }

  async stop(): Promise<void> {
    this.following = undefined;
    await this.subscription.stop();
  }

  /**
   * Replays the whole log into a shadow table while the live one keeps answering queries (and
   * following), then swaps the shadow in, in one transaction, with its checkpoint. Following resumes
   * from there, so nothing written during the rebuild is missed. Returns the events replayed.
   */
  async rebuild(): Promise<number> {
    const db = this.store.db;
    const shadow = new StoreSubscription(this.store, { name: shadowName, handle: new OrderSummaryProjection(this.codec, shadowTable).apply });
    await shadow.reset(createShadow);
    let replayed = await shadow.catchUp();
    const onError = this.following;
    await this.subscription.stop();
    try {
      // The live projection is paused only for the last stretch and the swap.
      replayed += await shadow.catchUp();
      await db.transaction(async (tx) => {
        // Read inside this transaction: PGlite's transactions are exclusive, a nested one would wait forever.
        const at = await sqlCheckpoints.load(shadowName, tx);
        await swapInShadow(tx);
        await tx.query('UPDATE flow_checkpoints SET transaction_id = $2, position = $3, updated_at = now() WHERE name = $1', [liveName, at.transactionId, at.position]);
        await tx.query('DELETE FROM flow_checkpoints WHERE name = $1', [shadowName]);
      });
    } finally {
      if (onError !== undefined) this.subscription.start(onError);
    }
    return replayed;
  }
}
