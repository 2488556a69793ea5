import type { SqlDriver } from '../storage/sql-driver.js';
import type { CompilePool } from '../compile-pool/index.js';
import type { SchemaCache } from './schema-cache.js';

/** What every registry operation needs: the database, the immutable-schema cache, the compiler. */
export interface RegistryContext {
  db: SqlDriver;
  schemas: SchemaCache;
  /** Checks that new schemas compile, off the event loop. */
  compiler: CompilePool;
}

/** The principal recorded in the audit log ("anonymous" while authentication is off). */
export interface Actor {
  principal: string;
}
