import { join } from 'node:path';
import { JsonDeserializer, JsonSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, tempDir, writeKeys } from '../../support/auth.js';
import { testBackends } from '../../support/databases.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { orderPlacedV1, orderPlacedV2, register } from '../../support/schemas.js';

const address = { $id: 'address.json', type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
const customer = { type: 'object', properties: { name: { type: 'string' }, address: { $ref: 'address.json' } }, required: ['name', 'address'] };
const enc = encodeURIComponent;

for (const backend of testBackends) {
  describe(`Confluent contexts (${backend.name})`, () => {
    let registry: TestRegistry;
    let drop: () => Promise<void>;
    const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(registry.url, method, path, body, headers);
    beforeAll(async () => {
      const created = await backend.create();
      drop = created.drop;
      registry = await startRegistry({ store: created.store });
    });
    afterAll(async () => {
      await registry?.close();
      await drop?.();
    });

    it('registers, reads and round-trips through the Confluent client with context-qualified subject names', async () => {
      const sr = new SchemaRegistryClient({ baseURLs: [registry.url] });
      const id = await sr.register(':.team-a:orders-value', { schemaType: 'JSON', schema: JSON.stringify(orderPlacedV1) });
      expect(await sr.getLatestSchemaMetadata(':.team-a:orders-value')).toMatchObject({ id, version: 1, subject: ':.team-a:orders-value' });
      const serializer = new JsonSerializer(sr, SerdeType.VALUE, { useLatestVersion: true, subjectNameStrategy: () => ':.team-a:orders-value' });
      const deserializer = new JsonDeserializer(sr, SerdeType.VALUE, { subjectNameStrategy: () => ':.team-a:orders-value' });
      const event = { orderId: 'o-1', customerId: 'c-1', totalAmount: 3 };
      expect(await deserializer.deserialize('orders', await serializer.serialize('orders', event))).toEqual(event);
      expect((await api('GET', '/subjects')).body).toContain(':.team-a:orders-value');
      expect((await api('GET', `/subjects?subjectPrefix=${enc(':.team-a:')}`)).body).toEqual([':.team-a:orders-value']);
      await api('POST', '/subjects/orders-value/versions', register(orderPlacedV1));
      // Confluent's context wildcard: the name in every context.
      expect((await api('GET', `/subjects?subjectPrefix=${enc(':*:orders')}`)).body).toEqual([':.team-a:orders-value', 'orders-value']);
      expect((await api('GET', `/schemas?subjectPrefix=${enc(':*:')}`)).body.map((s: { subject: string }) => s.subject)).toEqual([':.team-a:orders-value', 'orders-value']);
    });

    it('lists the default context first, then the contexts subjects live in', async () => {
      await api('POST', `/subjects/${enc(':.team-b:payments-value')}/versions`, register(orderPlacedV1));
      expect((await api('GET', '/contexts')).body).toEqual(['.', '.team-a', '.team-b']);
      expect((await api('GET', '/contexts?offset=1&limit=1')).body).toEqual(['.team-a']);
    });

    it('applies a context’s config and mode to its subjects, under their own and over the global ones', async () => {
      expect((await api('PUT', `/config/${enc(':.strict:')}`, { compatibility: 'NONE' })).status).toBe(200);
      await api('POST', `/subjects/${enc(':.strict:orders')}/versions`, register(orderPlacedV1));
      // NONE from the context: a breaking change is a new major without a migration rule.
      const breaking = await api('POST', `/subjects/${enc(':.strict:orders')}/versions`, register(orderPlacedV2));
      expect(breaking.body).toMatchObject({ version: 2, semver: '2.0.0' });
      // The same change in the default context is refused under the global BACKWARD.
      await api('POST', '/subjects/plain-orders/versions', register(orderPlacedV1));
      expect((await api('POST', '/subjects/plain-orders/versions', register(orderPlacedV2))).status).toBe(409);

      expect((await api('GET', `/config/${enc(':.strict:orders')}?defaultToGlobal=true`)).body).toMatchObject({ compatibilityLevel: 'NONE' });
      await api('PUT', `/mode/${enc(':.frozen:')}`, { mode: 'READONLY' });
      expect((await api('GET', `/mode/${enc(':.frozen:orders')}?defaultToGlobal=true`)).body).toEqual({ mode: 'READONLY' });
      const refused = await api('POST', `/subjects/${enc(':.frozen:orders')}/versions`, register(orderPlacedV1));
      expect(refused.body.error_code).toBe(42205);
      await api('PUT', `/mode/${enc(':.frozen:orders')}`, { mode: 'READWRITE' });
      expect((await api('POST', `/subjects/${enc(':.frozen:orders')}/versions`, register(orderPlacedV1))).status).toBe(200);
    });

    it('resolves references to a subject in another context', async () => {
      await api('POST', `/subjects/${enc(':.shared:address')}/versions`, register(address));
      const created = await api('POST', `/subjects/${enc(':.team-a:customer')}/versions`, register(customer, {
        references: [{ name: 'address.json', subject: ':.shared:address', version: 1 }],
      }));
      expect(created.status).toBe(200);
      const valid = await api('POST', `/subjects/${enc(':.team-a:customer')}/versions/1/validate`, { event: { name: 'n', address: { city: 'Oslo' } } });
      expect(valid.body.valid).toBe(true);
      const invalid = await api('POST', `/subjects/${enc(':.team-a:customer')}/versions/1/validate`, { event: { name: 'n', address: {} } });
      expect(invalid.body.valid).toBe(false);
    });

    it('refuses a malformed context and registering under a bare context name', async () => {
      for (const subject of [':team:orders', ':.a b:orders', ':.team-a:']) {
        const refused = await api('POST', `/subjects/${enc(subject)}/versions`, register(orderPlacedV1));
        expect(refused.status).toBe(422);
        expect(refused.body.error_code).toBe(42208);
      }
    });
  });
}

describe('authorisation by context', () => {
  let registry: TestRegistry;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let keys: Record<string, string>;
  beforeAll(async () => {
    dir = await tempDir();
    const file = join(dir.path, 'auth.json');
    keys = await writeKeys(file, { admin: ['admin'], teamA: ['writer::.team-a:*'] });
    registry = await startRegistry({ auth: { authFile: file } });
  });
  afterAll(async () => {
    await registry?.close();
    await dir?.remove();
  });

  it('lets a grant on a context prefix write there and nowhere else', async () => {
    const as = basic(keys.teamA);
    expect((await call(registry.url, 'POST', `/subjects/${enc(':.team-a:orders')}/versions`, register(orderPlacedV1), as)).status).toBe(200);
    expect((await call(registry.url, 'POST', `/subjects/${enc(':.team-b:orders')}/versions`, register(orderPlacedV1), as)).status).toBe(403);
    expect((await call(registry.url, 'POST', '/subjects/orders/versions', register(orderPlacedV1), as)).status).toBe(403);
    await call(registry.url, 'POST', `/subjects/${enc(':.team-b:orders')}/versions`, register(orderPlacedV1), basic(keys.admin));
    expect((await call(registry.url, 'GET', '/subjects', undefined, as)).body).toEqual([':.team-a:orders']);
  });
});
