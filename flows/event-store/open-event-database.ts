import { openPgliteDriver } from '../../server/storage/pglite-driver.js';
import { openPostgresDriver } from '../../server/storage/postgres-driver.js';
import type { SqlDriver } from '../../server/storage/sql-driver.js';

/** Where the event store lives: the registry's own storage options, so one URL configures both. */
export type EventDatabaseOptions = { kind: 'pglite'; dataDir?: string } | { kind: 'postgres'; databaseUrl: string; poolSize?: number };

/**
 * Opens a database for the event store with the registry's drivers (one SQL dialect, two engines).
 * Only the driver is shared: the event store's tables are its own (`flow_events`, `flow_checkpoints`).
 */
export function openEventDatabase(options: EventDatabaseOptions = { kind: 'pglite' }): Promise<SqlDriver> {
  return options.kind === 'postgres'
    ? openPostgresDriver({ connectionString: options.databaseUrl, poolSize: options.poolSize })
    : openPgliteDriver(options.dataDir);
}
