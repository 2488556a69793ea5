/** CQRS query side: order summaries projected from the event store, paged by customer. */
export { OrderReadModel } from './order-read-model.js';
export { OrderQueries, type OrderSummary, type OrderPage } from './order-queries.js';
export { OrderSummaryProjection } from './order-summary-projection.js';
export { migrateOrderSummaries, orderSummariesSchema, summariesTable, shadowTable } from './order-summaries-schema.js';
