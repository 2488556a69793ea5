import { migrate } from './migrations.js';
import { openPgliteDriver } from './pglite-driver.js';
import { openPostgresDriver } from './postgres-driver.js';
import type { SqlDriver } from './sql-driver.js';

export type StoreOptions =
  | { kind: 'postgres'; databaseUrl: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string /* undefined = in memory */ };

/**
 * Opens the configured database and brings its schema up to date. A failure names the database
 * (password redacted) and the setting it came from, so `getaddrinfo ENOTFOUND base` becomes
 * something a user can act on.
 */
export async function openStore(options: StoreOptions): Promise<SqlDriver> {
  if (options.kind === 'postgres') assertPostgresUrl(options.databaseUrl);
  const driver =
    options.kind === 'postgres'
      ? await openPostgresDriver({ connectionString: options.databaseUrl, poolSize: options.poolSize })
      : await openPgliteDriver(options.dataDir);
  try {
    await migrate(driver);
  } catch (error) {
    await driver.close().catch(() => undefined);
    const setting = options.kind === 'postgres' ? '--database-url / DATABASE_URL' : '--data-dir';
    throw new Error(`cannot open the ${options.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} database at ${driver.location} (${setting}): ${(error as Error).message}`, { cause: error });
  }
  return driver;
}

function assertPostgresUrl(url: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new Error(`--database-url / DATABASE_URL must be a postgres:// URL such as postgres://user@127.0.0.1:5432/charter (got ${JSON.stringify(url.replace(/:[^:@/]*@/, ':***@'))})`);
  }
}
