import { EventCodec, Publisher, RegistryClient, type Transport } from '../../client/index.js';
import type { SqlDriver } from '../../server/storage/sql-driver.js';
import { AnalyticsStream, type AnalyticsStreamOptions } from '../analytics/index.js';
import { EventStore } from '../event-store/index.js';
import { OrderRepository, OrderService } from '../order/index.js';
import { OrderReadModel } from '../read-model/index.js';
import {
  fakePaymentGateway,
  InventoryService,
  OrderProcessingSaga,
  orderProcessingSteps,
  PaymentService,
  recordProcessingFailure,
  ShippingService,
  startChoreography,
  type Choreography,
  type OrderProcessingContext,
  type PaymentGateway,
} from '../saga/index.js';

export interface FlowSystemOptions {
  registryUrl: string;
  transport: Transport;
  /** The event store's database (PGlite or PostgreSQL); closed with the system. */
  database: SqlDriver;
  /** Opening stock per product. */
  stock?: Record<string, number>;
  gateway?: PaymentGateway;
}

/**
 * The reference services wired together in one process: what the demo, the end-to-end tests and the
 * benchmark run. In production each service would be its own process with its own codec and
 * connection; nothing here depends on them sharing one.
 */
export class FlowSystem {
  readonly registry: RegistryClient;
  readonly codec: EventCodec;
  readonly publisher: Publisher;
  readonly orders: OrderService;
  readonly inventory: InventoryService;
  readonly payment: PaymentService;
  readonly shipping = new ShippingService();
  private choreography: Choreography | undefined;

  private constructor(
    readonly options: FlowSystemOptions,
    readonly store: EventStore,
    readonly readModel: OrderReadModel,
    codec: EventCodec,
  ) {
    this.registry = codec.registry;
    this.codec = codec;
    this.publisher = new Publisher({ codec, transport: options.transport });
    this.orders = new OrderService({ repository: new OrderRepository(store, codec), publisher: this.publisher });
    this.inventory = new InventoryService(this.publisher, options.stock ?? {});
    this.payment = new PaymentService(this.publisher, options.gateway ?? fakePaymentGateway());
  }

  static async start(options: FlowSystemOptions): Promise<FlowSystem> {
    const codec = new EventCodec({ registry: new RegistryClient({ url: options.registryUrl }), source: 'order-service' });
    const store = await EventStore.open(options.database);
    const readModel = await OrderReadModel.open(store, codec);
    return new FlowSystem(options, store, readModel, codec);
  }

  /** Starts the choreographed saga: inventory, payment and order policy subscribe to the bus. */
  async startChoreography(): Promise<void> {
    this.choreography ??= await startChoreography({ codec: this.codec, transport: this.options.transport, orders: this.orders, inventory: this.inventory, payment: this.payment });
  }

  /** Stops the choreography's subscriptions (before handing the same services to the orchestrator). */
  async stopChoreography(): Promise<void> {
    await this.choreography?.stop();
    this.choreography = undefined;
  }

  /** The orchestrated saga over the same services. Stop the choreography first, or both will react. */
  orchestrator(): OrderProcessingSaga<OrderProcessingContext> {
    const steps = orderProcessingSteps({ orders: this.orders, inventory: this.inventory, payment: this.payment, shipping: this.shipping });
    return new OrderProcessingSaga(steps, recordProcessingFailure({ codec: this.codec, store: this.store, publisher: this.publisher }));
  }

  /** A fresh analytics stream over the store (replays from the start). */
  analytics(options: AnalyticsStreamOptions = {}): AnalyticsStream {
    return new AnalyticsStream(this.store, this.codec, options);
  }

  async close(): Promise<void> {
    await this.choreography?.stop();
    await this.readModel.stop();
    await this.options.transport.close();
    await this.options.database.close();
  }
}
