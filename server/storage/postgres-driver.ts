import pg from 'pg';
import type { SqlDriver, SqlExecutor } from './sql-driver.js';

export interface PostgresOptions {
  connectionString: string;
  poolSize?: number;
  /** Fail fast instead of hanging a request when the database is down. */
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
}

/** Hides the password in a connection URL so the banner and logs never show it. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparseable URL)';
  }
}

/**
 * Charter's queries are a fixed set of texts with parameters, so each is sent as a named prepared
 * statement: PostgreSQL parses and plans it once per connection instead of on every call, which is
 * a good part of the database's work on a registration. Names are capped in case a caller ever
 * builds SQL text dynamically; beyond the cap statements run unnamed, as before.
 */
const MAX_PREPARED = 256;
const preparedNames = new Map<string, string>();

function preparedName(sql: string): string | undefined {
  let name = preparedNames.get(sql);
  if (name === undefined && preparedNames.size < MAX_PREPARED) preparedNames.set(sql, (name = `charter_${preparedNames.size + 1}`));
  return name;
}

/** PostgreSQL through node-postgres: any number of stateless Charter servers may share one database. */
export async function openPostgresDriver(options: PostgresOptions): Promise<SqlDriver> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    // Client-side bound: when the network (not the server) hangs, statement_timeout never fires.
    query_timeout: (options.statementTimeoutMs ?? 15_000) + 2_000,
  });
  // An idle client whose server went away emits 'error' on the pool; unhandled, it would kill the
  // process. The next query reconnects, and /readyz reports the outage meanwhile.
  pool.on('error', () => undefined);
  const asExecutor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
    query: async <Row>(sql: string, params: readonly unknown[] = []) => {
      const name = preparedName(sql);
      const result = await client.query(name ? { name, text: sql, values: params as unknown[] } : { text: sql, values: params as unknown[] });
      return { rows: result.rows as Row[] };
    },
  });
  const listeners: pg.Client[] = [];
  return {
    kind: 'postgres',
    location: redactUrl(options.connectionString),
    ...asExecutor(pool),
    async transaction(work) {
      const client = await pool.connect();
      // A checked-out client has no pool listener: if its connection drops while the transaction
      // is doing JavaScript work between queries, the 'error' event would be uncaught and kill
      // the process. Keep it, fail the next query, and destroy the client instead of reusing it.
      let broken: Error | undefined;
      const onError = (error: Error) => (broken = error);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await work(asExecutor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // After a client-side query timeout the server may still answer the old query later: such
        // a connection is not safe to reuse, so it is dropped like a broken one.
        if (/Query read timeout/.test((error as Error).message ?? '')) broken ??= error as Error;
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken ?? false);
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    async listen(channel, onPayload) {
      const client = new pg.Client({ connectionString: options.connectionString });
      client.on('error', () => undefined);
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      await Promise.all(listeners.map((client) => client.end().catch(() => undefined)));
      await pool.end();
    },
  };
}
