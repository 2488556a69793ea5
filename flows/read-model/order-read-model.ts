import type { EventCodec } from '../../client/index.js';
import { StoreSubscription, type EventStore } from '../event-store/index.js';
import { clearOrderSummaries, migrateOrderSummaries } from './order-summaries-schema.js';
import { OrderQueries } from './order-queries.js';
import { OrderSummaryProjection } from './order-summary-projection.js';

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

  private constructor(store: EventStore, codec: EventCodec) {
    this.queries = new OrderQueries(store.db);
    const projection = new OrderSummaryProjection(codec);
    this.subscription = new StoreSubscription(store, { name: 'order-summaries', handle: projection.apply });
  }

  static async open(store: EventStore, codec: EventCodec): Promise<OrderReadModel> {
    await migrateOrderSummaries(store.db);
    return new OrderReadModel(store, codec);
  }

  catchUp(): Promise<number> {
    return this.subscription.catchUp();
  }

  follow(onError?: (error: unknown) => void): void {
    this.subscription.start(onError);
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }

  /** Throws the table away and replays the whole log into it. Returns the events replayed. */
  async rebuild(): Promise<number> {
    await this.subscription.stop();
    await this.subscription.reset(clearOrderSummaries);
    return this.subscription.catchUp();
  }
}
