/** The order saga, both ways: choreography over the bus, and an orchestrator with compensation. */
export { InventoryService, type ReservationRequest, type ReservationResult, type InventoryServiceOptions } from './inventory-service.js';
export { PaymentService, type ChargeRequest, type ChargeResult, type PaymentServiceOptions } from './payment-service.js';
export { fakePaymentGateway, type PaymentGateway, type ChargeOutcome, type FoundCharge, type GatewayLedger } from './payment-gateway.js';
export { ShippingService } from './shipping-service.js';
export { startChoreography, choreographyGroups, type Choreography, type ChoreographyServices } from './choreography.js';
export { OrderProcessingSaga, type SagaOutcome, type SagaOptions } from './order-processing-saga.js';
export { sqlSagaStore, memorySagaStore, sagaSchema, type SagaStore, type SagaRecord, type SagaStatus } from './saga-store.js';
export { migrateServices, servicesSchema } from './services-schema.js';
export { emit, type Contract } from './emit.js';
export { orderProcessingSteps, type OrderProcessingContext, type OrderProcessingServices } from './order-processing-steps.js';
export { recordProcessingFailure, processingStreamId } from './record-processing-failure.js';
export { stepDone, stepFailed, type SagaStep, type StepOutcome } from './saga-step.js';
