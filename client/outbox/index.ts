/** Exactly-once effects over at-least-once delivery: the transactional outbox, its relay, and the inbox. */
export { Outbox, outboxSchema, outboxChannel } from './outbox.js';
export { OutboxRelay, type OutboxRelayOptions, type PublishEnvelope } from './outbox-relay.js';
export { Inbox, inboxSchema, type InboxOutcome } from './inbox.js';
export type { SqlDatabase, SqlExecutor as OutboxSqlExecutor } from './sql-database.js';
