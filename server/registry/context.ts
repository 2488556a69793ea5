import type { SqlDriver } from '../storage/sql-driver.js';
import type { SchemaCache } from './schema-cache.js';

/** What every registry operation needs: the database, the immutable-schema cache, and who asks. */
export interface RegistryContext {
  db: SqlDriver;
  schemas: SchemaCache;
}

/** The principal recorded in the audit log ("anonymous" while authentication is off). */
export interface Actor {
  principal: string;
}
