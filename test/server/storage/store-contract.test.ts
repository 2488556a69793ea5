import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SqlDriver, type StoreOptions } from '../../../server/index.js';
import { testBackends } from '../../support/databases.js';
import { spawnServer } from '../../support/child-server.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { numberedSchema, register } from '../../support/schemas.js';

/** The one storage contract, run on every backend (PGlite always, PostgreSQL when DATABASE_URL is set). */
describe.each(testBackends)('storage contract on $name', (backend) => {
  let store: StoreOptions;
  let drop: () => Promise<void>;
  let registry: TestRegistry;

  beforeAll(async () => {
    ({ store, drop } = await backend.create());
    registry = await startRegistry({ store });
  });
  afterAll(async () => {
    await registry.close();
    await drop();
  });

  it('gives 32 concurrent registrations to one subject versions 1..32, no gap, no duplicate, no 5xx', async () => {
    const responses = await Promise.all(
      Array.from({ length: 32 }, (_, n) => call(registry.url, 'POST', '/subjects/race.Subject/versions', register(numberedSchema(n)))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(32).fill(200));
    const versions = responses.map((r) => r.body.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(new Set(responses.map((r) => r.body.semver)).size).toBe(32);
    expect((await call(registry.url, 'GET', '/subjects/race.Subject/versions')).body).toEqual(versions);
  });

  it('gives concurrent registrations of one identical new schema one id and one version', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => call(registry.url, 'POST', '/subjects/race.Same/versions', register({ type: 'object', title: 'same' }))),
    );
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect((await call(registry.url, 'GET', '/subjects/race.Same/versions')).body).toEqual([1]);
  });

  it('gives one new schema registered concurrently under 8 subjects one global id', async () => {
    const schema = { type: 'object', title: 'shared across subjects', properties: { at: { type: 'string' } } };
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, n) => call(registry.url, 'POST', `/subjects/race.Shared${n}/versions`, register(schema))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(responses.map((r) => r.body.version)).toEqual(Array(8).fill(1));
    const subjects = await call(registry.url, 'GET', `/schemas/ids/${responses[0]!.body.id}/subjects`);
    expect([...subjects.body].sort()).toEqual(Array.from({ length: 8 }, (_, n) => `race.Shared${n}`));
  });

  it('leaves nothing behind when a registration fails inside the database', async () => {
    // The server's own connection: an in-memory PGlite is only reachable through it.
    const db = registry.server.db;
    {
      await injectFailure(db, 'charter_versions', 'fault.Version');
      await injectFailure(db, 'charter_audit', 'fault.Audit');
      const before = await counts(db);
      for (const subject of ['fault.Version', 'fault.Audit']) {
        const response = await call(registry.url, 'POST', `/subjects/${subject}/versions`, register({ type: 'object', title: `unique ${subject}` }));
        expect(response.status).toBe(500);
        expect(response.body.error_code).toBe(50000);
      }
      expect(await counts(db)).toEqual(before);
      expect((await call(registry.url, 'GET', '/subjects/fault.Version/versions')).status).toBe(404);
    }
  });
});

/** Horizontal scaling: only PostgreSQL can be shared by several server processes. */
for (const backend of testBackends.filter((b) => b.name === 'postgres')) {
  describe('two servers on one PostgreSQL', () => {
    let store: StoreOptions;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ store, drop } = await backend.create());
    });
    afterAll(() => drop());

    it('two server processes sharing one PostgreSQL number 32 concurrent registrations without gaps', async () => {
      if (store.kind !== 'postgres') throw new Error('two processes need PostgreSQL');
      const { databaseUrl } = store;
      const servers = await Promise.all([spawnServer({ databaseUrl }), spawnServer({ databaseUrl })]);
      try {
        const responses = await Promise.all(
          Array.from({ length: 32 }, (_, n) =>
            call(servers[n % 2]!.url, 'POST', '/subjects/race.TwoProcesses/versions', register(numberedSchema(100 + n))),
          ),
        );
        expect(responses.map((r) => r.status)).toEqual(Array(32).fill(200));
        expect(responses.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
        const seenByOther = await call(servers[1]!.url, 'GET', '/subjects/race.TwoProcesses/versions');
        expect(seenByOther.body).toHaveLength(32);
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
      }
    });
  });
}

/** A trigger that makes inserts for one subject fail, to prove the transaction leaves no trace. */
async function injectFailure(db: SqlDriver, table: string, subject: string): Promise<void> {
  const fn = `charter_fault_${table}`;
  await db.exec(`
    CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger AS $$
    BEGIN
      IF NEW.subject = '${subject}' THEN RAISE EXCEPTION 'injected failure'; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;
    DROP TRIGGER IF EXISTS ${fn} ON ${table};
    CREATE TRIGGER ${fn} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${fn}();
  `);
}

async function counts(db: SqlDriver) {
  const { rows } = await db.query(
    `SELECT (SELECT count(*)::int FROM charter_schemas) AS schemas,
            (SELECT count(*)::int FROM charter_versions) AS versions,
            (SELECT count(*)::int FROM charter_audit) AS audit`,
  );
  return rows[0];
}
