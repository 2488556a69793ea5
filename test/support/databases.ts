import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { StoreOptions } from '../../server/index.js';

/** A store the suites run on: PGlite always, PostgreSQL too when DATABASE_URL is set. */
export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** A fresh, empty store; call the returned `drop` when the suite is done. */
  create(): Promise<{ store: StoreOptions; drop(): Promise<void> }>;
}

/**
 * Each PostgreSQL suite gets its own schema (search_path), so suites running in parallel never
 * see each other's subjects and nothing needs cleaning between runs.
 */
const postgres = (databaseUrl: string): TestBackend => ({
  name: 'postgres',
  async create() {
    const schema = `charter_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      store: { kind: 'postgres', databaseUrl: url.toString() },
      async drop() {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      },
    };
  },
});

const pglite: TestBackend = {
  name: 'pglite',
  async create() {
    return { store: { kind: 'pglite' }, drop: async () => undefined };
  },
};

export const testBackends: TestBackend[] = [pglite, ...(process.env.DATABASE_URL ? [postgres(process.env.DATABASE_URL)] : [])];
