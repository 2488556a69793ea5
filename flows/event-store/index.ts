/** The event store: streams with optimistic concurrency, a global log, and checkpointed subscriptions. */
export { EventStore, type AppendResult, type ExpectedVersion, type StreamRange } from './event-store.js';
export { ConcurrencyError, DuplicateEventError } from './concurrency-error.js';
export { logStart, type LogPosition } from './log-position.js';
export type { RecordedEvent } from './recorded-event.js';
export { StoreSubscription, type StoreSubscriptionOptions, type BatchHandler } from './store-subscription.js';
export { sqlCheckpoints, memoryCheckpoints, type CheckpointStore } from './checkpoints.js';
export { openEventDatabase, type EventDatabaseOptions } from './open-event-database.js';
export { migrateEventStore } from './event-store-schema.js';
