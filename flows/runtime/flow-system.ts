import { EventCodec, Inbox, Outbox, OutboxRelay, Publisher, RegistryClient, type OutboxRelayOptions, type Transport } from '../../client/index.js';
import type { SqlDriver } from '../../server/storage/sql-driver.js';
import { AnalyticsStream, type AnalyticsStreamOptions } from '../analytics/index.js';
import { EventStore } from '../event-store/index.js';
import { OrderRepository, OrderService } from '../order/index.js';
import { OrderReadModel } from '../read-model/index.js';
import {
  fakePaymentGateway,
  InventoryService,
  migrateServices,
  OrderProcessingSaga,
  orderProcessingSteps,
  PaymentService,
  recordProcessingFailure,
  ShippingService,
  sqlSagaStore,
  startChoreography,
  type Choreography,
  type ChoreographyServices,
  type OrderProcessingContext,
  type PaymentGateway,
  type SagaOptions,
} from '../saga/index.js';

export interface FlowSystemOptions {
  registryUrl: string;
  transport: Transport;
  /** The event store's database (PGlite or PostgreSQL); closed with the system. */
  database: SqlDriver;
  /** Opening stock per product (products already stocked keep their level: a restart changes nothing). */
  stock?: Record<string, number>;
  gateway?: PaymentGateway;
  /** Relay tuning; `onError` hears about every failed publish (the event stays queued); `prune` the published rows' retention. */
  relay?: Pick<OutboxRelayOptions, 'pollMs' | 'backoffMs' | 'maxBackoffMs' | 'onError' | 'prune'>;
  /** Choreography tuning: redelivery delay, dead-letter threshold, error hook. */
  choreography?: Pick<ChoreographyServices, 'maxDeliveries' | 'retryDelayMs' | 'onError'>;
  /** Orchestrated saga tuning (step deadline, compensation retries). */
  saga?: Omit<SagaOptions<OrderProcessingContext>, 'store'>;
  /** Snapshot the order state every N events. Default 20. */
  snapshotEvery?: number;
}

/**
 * The reference services wired together in one process: what the demo, the end-to-end tests and the
 * benchmark run. Every service writes its state, inbox record and outgoing events in one transaction
 * on `database`; the relay publishes the outbox to `transport`. In production each service would be
 * its own process with its own database, codec and connection; nothing here depends on them sharing.
 */
export class FlowSystem {
  readonly registry: RegistryClient;
  readonly codec: EventCodec;
  readonly publisher: Publisher;
  readonly relay: OutboxRelay;
  readonly orders: OrderService;
  readonly inventory: InventoryService;
  readonly payment: PaymentService;
  readonly shipping = new ShippingService();
  private choreography: Choreography | undefined;

  private constructor(
    readonly options: FlowSystemOptions,
    readonly store: EventStore,
    readonly readModel: OrderReadModel,
    readonly outbox: Outbox,
    readonly inbox: Inbox,
    codec: EventCodec,
  ) {
    const db = options.database;
    this.registry = codec.registry;
    this.codec = codec;
    this.publisher = new Publisher({ codec, transport: options.transport });
    this.relay = new OutboxRelay({ outbox, publish: (envelope) => this.publisher.publishEnvelope(envelope), ...options.relay });
    this.orders = new OrderService({ repository: new OrderRepository(store, codec, { snapshotEvery: options.snapshotEvery }), db, outbox });
    this.inventory = new InventoryService({ db, codec, outbox });
    this.payment = new PaymentService({ db, codec, outbox, gateway: options.gateway ?? fakePaymentGateway() });
  }

  /** Opens (and migrates) every table, seeds the stock and starts the outbox relay. */
  static async start(options: FlowSystemOptions): Promise<FlowSystem> {
    const codec = new EventCodec({ registry: new RegistryClient({ url: options.registryUrl }), source: 'order-service' });
    const db = options.database;
    const store = await EventStore.open(db);
    const readModel = await OrderReadModel.open(store, codec);
    await migrateServices(db);
    const system = new FlowSystem(options, store, readModel, await Outbox.open(db), await Inbox.open(db), codec);
    await system.inventory.seed(options.stock ?? {});
    await system.relay.start();
    return system;
  }

  /** Starts the choreographed saga: inventory, payment and order policy subscribe to the bus. */
  async startChoreography(): Promise<void> {
    this.choreography ??= await startChoreography({
      codec: this.codec,
      transport: this.options.transport,
      inbox: this.inbox,
      orders: this.orders,
      inventory: this.inventory,
      payment: this.payment,
      ...this.options.choreography,
    });
  }

  /** Stops the choreography's subscriptions (before handing the same services to the orchestrator). */
  async stopChoreography(): Promise<void> {
    await this.choreography?.stop();
    this.choreography = undefined;
  }

  /** The orchestrated saga over the same services, its state in `saga_instances`. Stop the choreography first, or both will react. */
  async orchestrator(): Promise<OrderProcessingSaga<OrderProcessingContext>> {
    const steps = orderProcessingSteps({ orders: this.orders, inventory: this.inventory, payment: this.payment, shipping: this.shipping });
    const store = await sqlSagaStore<OrderProcessingContext>(this.options.database, 'order-processing');
    return new OrderProcessingSaga(steps, recordProcessingFailure({ codec: this.codec, store: this.store, outbox: this.outbox }), { ...this.options.saga, store });
  }

  /** The analytics stream over the store: state and position in the database, outputs through the outbox. */
  analytics(options: AnalyticsStreamOptions = {}): Promise<AnalyticsStream> {
    return AnalyticsStream.open(this.store, this.codec, this.outbox, options);
  }

  /** Stops everything and closes the connections, acknowledging nothing in flight (as a crash would). */
  async close(): Promise<void> {
    await this.choreography?.stop();
    await this.relay.stop();
    await this.readModel.stop();
    await this.options.transport.close();
    await this.options.database.close();
  }
}
