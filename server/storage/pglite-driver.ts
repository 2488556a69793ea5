import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { lockDataFolder } from './folder-lock.js';
import type { SqlDriver, SqlExecutor } from './sql-driver.js';

/**
 * The embedded default: PostgreSQL compiled to WebAssembly, in-process. PGlite runs one statement
 * at a time and its transactions are exclusive, so writers are serialised for free here; the
 * advisory locks in the queries matter only on a shared PostgreSQL. A data folder is held
 * exclusively (folder-lock.ts): a second process on it refuses to start.
 */
export async function openPgliteDriver(dataDir: string | undefined): Promise<SqlDriver> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lock = dataDir ? lockDataFolder(dataDir) : undefined;
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir ? { dataDir } : undefined);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const asExecutor = (q: Pick<PGlite, 'query'>): SqlExecutor => ({
    query: async <Row>(sql: string, params: readonly unknown[] = []) => {
      const result = await q.query<Row>(sql, params as unknown[]);
      return { rows: result.rows };
    },
  });
  return {
    kind: 'pglite',
    location: dataDir ?? 'memory (discarded on exit)',
    ...asExecutor(db),
    transaction: (work) => db.transaction((tx) => work(asExecutor(tx))),
    exec: async (sql) => {
      await db.exec(sql);
    },
    listen: async (channel, onPayload) => {
      const unsubscribe = await db.listen(channel, onPayload);
      return async () => unsubscribe();
    },
    close: async () => {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
