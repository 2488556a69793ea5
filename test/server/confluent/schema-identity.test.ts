import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations, type StoreOptions } from '../../../server/storage/index.js';
import { openPgliteDriver } from '../../../server/storage/pglite-driver.js';
import { openPostgresDriver } from '../../../server/storage/postgres-driver.js';
import type { SqlDriver } from '../../../server/storage/sql-driver.js';
import { testBackends } from '../../support/databases.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { register } from '../../support/schemas.js';

const schema = { type: 'object', properties: { id: { type: 'string' } } };
const ruleA = { domainRules: [{ name: 'has-id', kind: 'CONDITION', type: 'CEL', mode: 'WRITE', expr: "has(message.id)" }] };
const ruleB = { domainRules: [{ name: 'id-not-empty', kind: 'CONDITION', type: 'CEL', mode: 'WRITE', expr: "message.id != ''" }] };

for (const backend of testBackends) {
  describe(`a schema's id identifies its text, references, metadata and rules (${backend.name})`, () => {
    let registry: TestRegistry;
    let drop: () => Promise<void>;
    const api = (method: string, path: string, body?: unknown) => call(registry.url, method, path, body);
    beforeAll(async () => {
      const created = await backend.create();
      drop = created.drop;
      registry = await startRegistry({ store: created.store });
    });
    afterAll(async () => {
      await registry?.close();
      await drop?.();
    });

    it('gives the same text with different rules a different id, and the same contract the same id', async () => {
      const a = await api('POST', '/subjects/identity.A/versions', register(schema, { ruleSet: ruleA }));
      const b = await api('POST', '/subjects/identity.B/versions', register(schema, { ruleSet: ruleB }));
      const a2 = await api('POST', '/subjects/identity.A2/versions', register(schema, { ruleSet: ruleA }));
      const bare = await api('POST', '/subjects/identity.C/versions', register(schema));
      expect([a.status, b.status, a2.status, bare.status]).toEqual([200, 200, 200, 200]);
      expect(new Set([a.body.id, b.body.id, bare.body.id]).size).toBe(3);
      expect(a2.body.id).toBe(a.body.id);
      expect(a2.body.guid).toBe(a.body.guid);
      expect(a.body.ruleSet).toEqual(ruleA);
      expect((await api('GET', `/schemas/ids/${b.body.id}`)).body).toEqual({
        schemaType: 'JSON',
        schema: JSON.stringify(schema),
        ruleSet: ruleB,
        guid: b.body.guid,
      });
      expect((await api('GET', `/schemas/ids/${a.body.id}/subjects`)).body).toEqual(['identity.A', 'identity.A2']);
    });

    it('registers the same text with new metadata as a new version of the subject, and the same again as the same version', async () => {
      const first = await api('POST', '/subjects/identity.M/versions', register(schema, { metadata: { properties: { owner: 'team-a' } } }));
      const second = await api('POST', '/subjects/identity.M/versions', register(schema, { metadata: { properties: { owner: 'team-b' } } }));
      expect(second.body).toMatchObject({ version: 2, metadata: { properties: { owner: 'team-b' } } });
      expect(second.body.id).not.toBe(first.body.id);
      const again = await api('POST', '/subjects/identity.M/versions', register(schema, { metadata: { properties: { owner: 'team-b' } } }));
      expect(again.body).toMatchObject({ id: second.body.id, version: 2 });
    });

    it('finds the version a client registered when it sends only the text (the latest version’s contract is inherited)', async () => {
      const registered = await api('POST', '/subjects/identity.Inherit/versions', register(schema, { ruleSet: ruleA, metadata: { properties: { owner: 'x' } } }));
      const textOnly = await api('POST', '/subjects/identity.Inherit/versions', register(schema));
      expect(textOnly.body).toMatchObject({ id: registered.body.id, version: 1, ruleSet: ruleA, metadata: { properties: { owner: 'x' } } });
      const lookup = await api('POST', '/subjects/identity.Inherit', register(schema));
      expect(lookup.body).toMatchObject({ id: registered.body.id, version: 1, guid: registered.body.guid, ruleSet: ruleA });
    });

    it('answers lookups with the metadata and rules of the version they match, through the Confluent client', async () => {
      const sr = new SchemaRegistryClient({ baseURLs: [registry.url] });
      const info = { schemaType: 'JSON', schema: JSON.stringify(schema), ruleSet: ruleB as never, metadata: { properties: { owner: 'team-c' } } };
      const id = await sr.register('identity.Client', info);
      const found = await sr.getIdFullResponse('identity.Client', info);
      expect(found).toMatchObject({ id, version: 1, ruleSet: ruleB, metadata: { properties: { owner: 'team-c' } } });
      const byId = await sr.getBySubjectAndId('identity.Client', id);
      expect(byId).toMatchObject({ ruleSet: ruleB, metadata: { properties: { owner: 'team-c' } } });
      await expect(sr.getIdFullResponse('identity.Client', { ...info, ruleSet: ruleA as never })).rejects.toMatchObject({ status: 404 });
    });
  });

  describe(`the schema-identity migration on a store written before it (${backend.name})`, () => {
    let folder: string | undefined;
    let store: StoreOptions;
    let drop: () => Promise<void>;
    let registry: TestRegistry;
    const open = (): Promise<SqlDriver> =>
      store.kind === 'pglite' ? openPgliteDriver(store.dataDir) : openPostgresDriver({ connectionString: store.databaseUrl });

    beforeAll(async () => {
      if (backend.name === 'pglite') {
        folder = await mkdtemp(join(tmpdir(), 'charter-identity-'));
        store = { kind: 'pglite', dataDir: folder };
        drop = async () => undefined;
      } else {
        ({ store, drop } = await backend.create());
      }
      // The store as the first migration left it: one id shared by three subjects with three contracts.
      const old = await open();
      await old.exec(migrations[0].sql);
      await old.exec(`CREATE TABLE charter_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO charter_migrations (version, name) VALUES (1, 'registry');`);
      await old.query(`INSERT INTO charter_schemas (id, fingerprint, schema_text, refs) VALUES (nextval('charter_schema_ids'), 'old-fingerprint', $1, '[]')`, [
        JSON.stringify(schema),
      ]);
      const version = (subject: string, metadata: unknown, ruleSet: unknown, at: string) =>
        old.query(`INSERT INTO charter_versions (subject, version, schema_id, semver, metadata, rule_set, created_at) VALUES ($1, 1, 1, '1.0.0', $2::jsonb, $3::jsonb, $4)`, [
          subject,
          metadata === undefined ? null : JSON.stringify(metadata),
          ruleSet === undefined ? null : JSON.stringify(ruleSet),
          at,
        ]);
      await version('old.Plain', undefined, undefined, '2026-01-01T00:00:00Z');
      await version('old.RuleA', undefined, ruleA, '2026-01-02T00:00:00Z');
      await version('old.Owned', { properties: { owner: 'o' } }, undefined, '2026-01-03T00:00:00Z');
      await old.close();
      registry = await startRegistry({ store });
    });
    afterAll(async () => {
      await registry?.close();
      await drop?.();
      if (folder) await rm(folder, { recursive: true, force: true });
    });

    it('keeps the id for the contract registered first and gives each other contract its own id and GUID', async () => {
      const read = async (subject: string) => (await call(registry.url, 'GET', `/subjects/${subject}/versions/1`)).body;
      const [plain, withRule, owned] = [await read('old.Plain'), await read('old.RuleA'), await read('old.Owned')];
      expect(plain.id).toBe(1);
      expect(new Set([plain.id, withRule.id, owned.id]).size).toBe(3);
      expect(new Set([plain.guid, withRule.guid, owned.guid]).size).toBe(3);
      expect((await call(registry.url, 'GET', `/schemas/ids/${withRule.id}`)).body).toMatchObject({ schema: JSON.stringify(schema), ruleSet: ruleA });
      expect((await call(registry.url, 'GET', `/schemas/ids/${owned.id}`)).body).toMatchObject({ metadata: { properties: { owner: 'o' } } });
      expect((await call(registry.url, 'GET', '/schemas/ids/1')).body).not.toHaveProperty('ruleSet');
      // Registered again as they were, each finds its own version: the fingerprints were rewritten.
      const again = await call(registry.url, 'POST', '/subjects/old.RuleA/versions', register(schema, { ruleSet: ruleA }));
      expect(again.body).toMatchObject({ id: withRule.id, version: 1 });
      const fresh = await call(registry.url, 'POST', '/subjects/new.RuleA/versions', register(schema, { ruleSet: ruleA }));
      expect(fresh.body.id).toBe(withRule.id);
    });
  });
}
