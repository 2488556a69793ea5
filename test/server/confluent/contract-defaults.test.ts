import { SchemaRegistryClient } from '@confluentinc/schemaregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../support/databases.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { numberedSchema, register } from '../../support/schemas.js';

const rule = (name: string, expr: string) => ({ name, kind: 'CONDITION', type: 'CEL', mode: 'WRITE', expr });
const hasId = rule('has-id', 'has(message.id)');

for (const backend of testBackends) {
  describe(`config-level data-contract defaults and overrides (${backend.name})`, () => {
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

    it('applies a defaultRuleSet from config to a registration that sent none, through the Confluent client', async () => {
      const sr = new SchemaRegistryClient({ baseURLs: [registry.url] });
      await sr.updateConfig('defaults-value', { defaultRuleSet: { domainRules: [hasId as never] } });
      expect((await sr.getConfig('defaults-value')).defaultRuleSet).toEqual({ domainRules: [hasId] });
      const id = await sr.register('defaults-value', { schemaType: 'JSON', schema: JSON.stringify(numberedSchema(1)) });
      const registered = await sr.getLatestSchemaMetadata('defaults-value');
      expect(registered).toMatchObject({ id, ruleSet: { domainRules: [hasId] } });
      expect((await sr.getBySubjectAndId('defaults-value', id)).ruleSet).toEqual({ domainRules: [hasId] });
    });

    it('merges in Confluent’s order: default, then the request’s own (or the previous version’s), then override', async () => {
      await api('PUT', '/config/merge.Order', {
        defaultMetadata: { properties: { owner: 'platform', tier: 'silver' }, sensitive: ['ssn'] },
        overrideMetadata: { properties: { tier: 'gold' } },
        defaultRuleSet: { domainRules: [hasId, rule('short', 'size(message.id) < 10')] },
        overrideRuleSet: { domainRules: [rule('always', 'true')] },
      });
      const first = await api('POST', '/subjects/merge.Order/versions', register(numberedSchema(1), {
        metadata: { properties: { owner: 'orders-team' }, sensitive: ['card'] },
        ruleSet: { domainRules: [rule('short', 'size(message.id) < 20')] },
      }));
      expect(first.status).toBe(200);
      expect(first.body.metadata).toEqual({ properties: { owner: 'orders-team', tier: 'gold' }, sensitive: ['ssn', 'card'] });
      expect(first.body.ruleSet).toEqual({ domainRules: [hasId, rule('short', 'size(message.id) < 20'), rule('always', 'true')] });
      // The next version sends nothing: it inherits the previous version's metadata and rules.
      const second = await api('POST', '/subjects/merge.Order/versions', register(numberedSchema(2)));
      expect(second.body).toMatchObject({ version: 2, metadata: first.body.metadata, ruleSet: first.body.ruleSet });
    });

    it('keeps a confluent:version property naming the version it is registered as', async () => {
      const first = await api('POST', '/subjects/merge.Versioned/versions', register(numberedSchema(1), { metadata: { properties: { 'confluent:version': '1', owner: 'o' } } }));
      expect(first.body.metadata.properties['confluent:version']).toBe('1');
      const second = await api('POST', '/subjects/merge.Versioned/versions', register(numberedSchema(2)));
      expect(second.body).toMatchObject({ version: 2, metadata: { properties: { 'confluent:version': '2', owner: 'o' } } });
      // A lookup that leaves confluent:version out still finds the version.
      const lookup = await api('POST', '/subjects/merge.Versioned', register(numberedSchema(1), { metadata: { properties: { owner: 'o' } } }));
      expect(lookup.body).toMatchObject({ id: first.body.id, version: 1 });
      // The same text again inherits version 2's metadata, confluent:version included: the same version.
      expect((await api('POST', '/subjects/merge.Versioned/versions', register(numberedSchema(2)))).body).toMatchObject({ id: second.body.id, version: 2 });
    });

    it('refuses malformed defaults with the code of the field they would fill', async () => {
      const badRules = await api('PUT', '/config/merge.Bad', { defaultRuleSet: { domainRules: 'nope' } });
      expect(badRules.status).toBe(422);
      expect(badRules.body.error_code).toBe(42210);
      const badMetadata = await api('PUT', '/config/merge.Bad', { overrideMetadata: { properties: { n: 1 } } });
      expect(badMetadata.status).toBe(422);
      expect(badMetadata.body.message).toMatch(/overrideMetadata\.properties/);
    });

    it('reads and registers through an alias subject as through the subject it names', async () => {
      const real = await api('POST', '/subjects/alias.Real/versions', register(numberedSchema(7)));
      expect((await api('PUT', '/config/alias.Other', { alias: 'alias.Real' })).body).toMatchObject({ alias: 'alias.Real' });
      expect((await api('GET', '/subjects/alias.Other/versions/latest')).body).toMatchObject({ subject: 'alias.Real', id: real.body.id });
      expect((await api('GET', '/subjects/alias.Other/versions')).body).toEqual([1]);
      expect((await api('POST', '/subjects/alias.Other', register(numberedSchema(7)))).body).toMatchObject({ subject: 'alias.Real', version: 1 });
      const viaAlias = await api('POST', '/subjects/alias.Other/versions', register(numberedSchema(8)));
      expect(viaAlias.body.version).toBe(2);
      expect((await api('GET', '/subjects/alias.Real/versions')).body).toEqual([1, 2]);
      expect((await api('PUT', '/config/alias.Bad', { alias: 'has/slash' })).body.error_code).toBe(42208);
    });
  });
}
