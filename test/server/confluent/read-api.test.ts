import { SchemaRegistryClient } from '@confluentinc/schemaregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../support/databases.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { numberedSchema, register } from '../../support/schemas.js';

for (const backend of testBackends) {
  describe(`the rest of Confluent's read API (${backend.name})`, () => {
    let registry: TestRegistry;
    let drop: () => Promise<void>;
    const api = (method: string, path: string, body?: unknown) => call(registry.url, method, path, body);
    const ids: Record<string, number[]> = {};
    beforeAll(async () => {
      const created = await backend.create();
      drop = created.drop;
      registry = await startRegistry({ store: created.store });
      // read.A: versions 1..3; read.B: 1..2; read.Gone: 1, soft-deleted; other.C: 1.
      for (const [subject, count] of [['read.A', 3], ['read.B', 2], ['read.Gone', 1], ['other.C', 1]] as const) {
        ids[subject] = [];
        for (let n = 1; n <= count; n++) ids[subject].push((await api('POST', `/subjects/${subject}/versions`, register(numberedSchema(n + subject.length * 10)))).body.id);
      }
      await api('DELETE', '/subjects/read.Gone');
      await api('DELETE', '/subjects/read.A/versions/1');
    });
    afterAll(async () => {
      await registry?.close();
      await drop?.();
    });

    it('lists every version as a schema under a prefix, live ones unless deleted=true, by subject then version', async () => {
      const live = await api('GET', '/schemas?subjectPrefix=read.');
      expect(live.body.map((s: { subject: string; version: number }) => `${s.subject}@${s.version}`)).toEqual(['read.A@2', 'read.A@3', 'read.B@1', 'read.B@2']);
      expect(live.body[0]).toMatchObject({ subject: 'read.A', version: 2, id: ids['read.A'][1], schemaType: 'JSON', guid: expect.any(String) });
      expect(JSON.parse(live.body[0].schema)).toEqual(numberedSchema(2 + 60));
      const all = await api('GET', '/schemas?subjectPrefix=read.&deleted=true');
      expect(all.body.map((s: { subject: string; version: number }) => `${s.subject}@${s.version}`)).toEqual([
        'read.A@1', 'read.A@2', 'read.A@3', 'read.B@1', 'read.B@2', 'read.Gone@1',
      ]);
      expect(all.body[0].deleted).toBe(true);
    });

    it('answers latestOnly with the newest version of each subject, and pages with offset and limit', async () => {
      const latest = await api('GET', '/schemas?latestOnly=true');
      expect(latest.body.map((s: { subject: string; version: number }) => `${s.subject}@${s.version}`)).toEqual(['other.C@1', 'read.A@3', 'read.B@2']);
      const paged = await api('GET', '/schemas?subjectPrefix=read.&offset=1&limit=2');
      expect(paged.body.map((s: { subject: string; version: number }) => `${s.subject}@${s.version}`)).toEqual(['read.A@3', 'read.B@1']);
      expect((await api('GET', '/schemas?limit=-1')).body).toHaveLength(5);
    });

    it('pages the subject, version and id lists, and lists only soft-deleted entries with deletedOnly', async () => {
      expect((await api('GET', '/subjects')).body).toEqual(['other.C', 'read.A', 'read.B']);
      expect((await api('GET', '/subjects?offset=1&limit=1')).body).toEqual(['read.A']);
      expect((await api('GET', '/subjects?deletedOnly=true')).body).toEqual(['read.Gone']);
      expect((await api('GET', '/subjects?deleted=true')).body).toEqual(['other.C', 'read.A', 'read.B', 'read.Gone']);
      expect((await api('GET', '/subjects/read.A/versions')).body).toEqual([2, 3]);
      expect((await api('GET', '/subjects/read.A/versions?deletedOnly=true')).body).toEqual([1]);
      expect((await api('GET', '/subjects/read.A/versions?deleted=true&offset=1&limit=5')).body).toEqual([2, 3]);
      await api('POST', '/subjects/read.Twin/versions', register(numberedSchema(1 + 'other.C'.length * 10)));
      const id = ids['other.C'][0];
      expect((await api('GET', `/schemas/ids/${id}/subjects`)).body).toEqual(['other.C', 'read.Twin']);
      expect((await api('GET', `/schemas/ids/${id}/subjects?offset=1`)).body).toEqual(['read.Twin']);
      expect((await api('GET', `/schemas/ids/${id}/versions?limit=1`)).body).toEqual([{ subject: 'other.C', version: 1, semver: '1.0.0' }]);
    });

    it('refuses an offset or limit that is not an integer with a Confluent error body', async () => {
      for (const query of ['offset=-1', 'offset=x', 'limit=1.5']) {
        const refused = await api('GET', `/subjects?${query}`);
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ error_code: 400, message: expect.stringMatching(/offset|limit/) });
      }
    });

    it('answers /v1/metadata/id and /v1/metadata/version as Confluent does', async () => {
      expect((await api('GET', '/v1/metadata/id')).body).toEqual({ scope: { path: [], clusters: { 'schema-registry-cluster': 'schema-registry' } } });
      expect((await api('GET', '/v1/metadata/version')).body).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), commitId: expect.any(String) });
    });

    it('accepts format and ignores it for JSON schemas, through the Confluent client', async () => {
      const sr = new SchemaRegistryClient({ baseURLs: [registry.url] });
      const plain = await sr.getSchemaMetadata('read.B', 2);
      for (const format of ['serialized', 'resolved', '']) {
        expect(await new SchemaRegistryClient({ baseURLs: [registry.url] }).getSchemaMetadata('read.B', 2, false, format)).toEqual(plain);
        expect((await api('GET', `/schemas/ids/${plain.id}?format=${format}`)).body.schema).toBe(plain.schema);
      }
      expect(await sr.getBySubjectAndId('read.B', plain.id!, 'serialized')).toMatchObject({ schema: plain.schema });
    });
  });
}
