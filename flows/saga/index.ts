/** The order saga, both ways: choreography over the bus, and an orchestrator with compensation. */
export { InventoryService, type ReservationRequest, type ReservationResult } from './inventory-service.js';
export { PaymentService, type ChargeRequest, type ChargeResult } from './payment-service.js';
export { fakePaymentGateway, type PaymentGateway, type ChargeOutcome } from './payment-gateway.js';
export { ShippingService } from './shipping-service.js';
export { startChoreography, type Choreography, type ChoreographyServices } from './choreography.js';
export { OrderProcessingSaga, type SagaOutcome } from './order-processing-saga.js';
export { orderProcessingSteps, type OrderProcessingContext, type OrderProcessingServices } from './order-processing-steps.js';
export { recordProcessingFailure, processingStreamId } from './record-processing-failure.js';
export { stepDone, stepFailed, type SagaStep, type StepOutcome } from './saga-step.js';
