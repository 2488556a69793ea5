/**
 * Charter's reference flows: order, inventory and payment services built only on the generated
 * contract code (`flows/generated`) and the client SDK. Event sourcing on a PostgreSQL/PGlite event
 * store, a CQRS read model, the saga as choreography and as orchestration, and a stream processor.
 *
 * @example
 *   const system = await FlowSystem.start({ registryUrl, transport: new MemoryBus().connect(), database: await openEventDatabase() });
 *   await system.startChoreography();
 *   await system.orders.handle({ type: 'PlaceOrder', orderId: 'o_1', customerId: 'c_1', items: [...] });
 */

// Contracts
export { pushContracts, type PushedVersion } from './contracts/push-contracts.js';
export { flowReaders, acceptFor } from './contracts/readers.js';

// Event store
export {
  EventStore,
  ConcurrencyError,
  StoreSubscription,
  sqlCheckpoints,
  memoryCheckpoints,
  openEventDatabase,
  migrateEventStore,
  type AppendResult,
  type ExpectedVersion,
  type RecordedEvent,
  type StoreSubscriptionOptions,
  type BatchHandler,
  type CheckpointStore,
  type EventDatabaseOptions,
} from './event-store/index.js';

// Order aggregate
export {
  decide,
  evolve,
  initialOrderState,
  orderRules,
  brokenRule,
  orderContracts,
  toOrderEvent,
  priceOrder,
  OrderRepository,
  OrderService,
  UnreadableHistoryError,
  orderStreamId,
  type Decision,
  type OrderState,
  type OrderStatus,
  type LineItem,
  type OrderRuleName,
  type OrderRuleViolation,
  type OrderCommand,
  type PlaceOrder,
  type ConfirmOrder,
  type ShipOrder,
  type CancelOrder,
  type OrderDomainEvent,
  type LoadedOrder,
  type CommandResult,
  type OrderServiceOptions,
} from './order/index.js';

// Read model
export { OrderReadModel, OrderQueries, OrderSummaryProjection, migrateOrderSummaries, type OrderSummary, type OrderPage } from './read-model/index.js';

// Sagas
export {
  InventoryService,
  PaymentService,
  ShippingService,
  fakePaymentGateway,
  startChoreography,
  OrderProcessingSaga,
  orderProcessingSteps,
  recordProcessingFailure,
  processingStreamId,
  stepDone,
  stepFailed,
  type ReservationRequest,
  type ReservationResult,
  type ChargeRequest,
  type ChargeResult,
  type PaymentGateway,
  type ChargeOutcome,
  type Choreography,
  type ChoreographyServices,
  type SagaOutcome,
  type OrderProcessingContext,
  type OrderProcessingServices,
  type SagaStep,
  type StepOutcome,
} from './saga/index.js';

// Analytics
export { OrderMetrics, AnalyticsStream, windowOf, type AnalyticsOutput, type OrderMetricsOptions, type AnalyticsStreamOptions } from './analytics/index.js';

// Wiring
export { FlowSystem, connectTransport, startEmbeddedRegistry, type FlowSystemOptions, type TransportChoice } from './runtime/index.js';
