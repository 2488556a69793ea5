import { migrate } from './migrations.js';
import { openPgliteDriver } from './pglite-driver.js';
import { openPostgresDriver } from './postgres-driver.js';
import type { SqlDriver } from './sql-driver.js';

export type StoreOptions =
  | { kind: 'postgres'; databaseUrl: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string /* undefined = in memory */ };

/** Opens the configured database and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<SqlDriver> {
  const driver =
    options.kind === 'postgres'
      ? await openPostgresDriver({ connectionString: options.databaseUrl, poolSize: options.poolSize })
      : await openPgliteDriver(options.dataDir);
  try {
    await migrate(driver);
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw error;
  }
  return driver;
}
