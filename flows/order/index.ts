/** The event-sourced Order aggregate: pure decide/evolve, its rules, and the command handlers. */
export { decide, type Decision } from './decide.js';
export { evolve, initialOrderState, type OrderState, type OrderStatus, type LineItem } from './order-state.js';
export { orderRules, brokenRule, type OrderRuleName, type OrderRuleViolation } from './order-rules.js';
export type { OrderCommand, PlaceOrder, ConfirmOrder, ShipOrder, CancelOrder } from './order-commands.js';
export { orderContracts, toOrderEvent, type OrderDomainEvent } from './order-events.js';
export { priceOrder } from './pricing.js';
export { OrderRepository, UnreadableHistoryError, orderStreamId, type LoadedOrder } from './order-repository.js';
export { OrderService, type CommandResult, type OrderServiceOptions } from './order-service.js';
