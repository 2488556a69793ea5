import {
  DualSchemaIdDeserializer,
  HeaderSchemaIdSerializer,
  JsonDeserializer,
  JsonSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCodec, RegistryClient, VALUE_SCHEMA_ID_HEADER, type KafkaRecord } from '../../../client/index.js';
import { testBackends } from '../../support/databases.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { register } from '../../support/schemas.js';

const schema = {
  type: 'object',
  properties: { orderId: { type: 'string' }, amount: { type: 'number' } },
  required: ['orderId', 'amount'],
  additionalProperties: false,
};
const order = { orderId: 'o-7', amount: 19.5 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

for (const backend of testBackends) {
  describe(`schema GUIDs (${backend.name})`, () => {
    let registry: TestRegistry;
    let drop: () => Promise<void>;
    let registered: { id: number; guid: string };
    const api = (method: string, path: string, body?: unknown) => call(registry.url, method, path, body);
    beforeAll(async () => {
      const created = await backend.create();
      drop = created.drop;
      registry = await startRegistry({ store: created.store });
      registered = (await api('POST', '/subjects/payments-value/versions', register(schema))).body;
    });
    afterAll(async () => {
      await registry?.close();
      await drop?.();
    });

    it('gives every schema a GUID, in register, lookup and version answers, derived from its content', async () => {
      expect(registered.guid).toMatch(UUID);
      expect((await api('POST', '/subjects/payments-value', register(schema))).body.guid).toBe(registered.guid);
      expect((await api('GET', '/subjects/payments-value/versions/latest')).body.guid).toBe(registered.guid);
      // The same content under another subject is the same schema: same id, same GUID.
      expect((await api('POST', '/subjects/payments-copy/versions', register(schema))).body).toMatchObject(registered);
      const other = await api('POST', '/subjects/payments-other/versions', register({ ...schema, title: 'other' }));
      expect(other.body.guid).toMatch(UUID);
      expect(other.body.guid).not.toBe(registered.guid);
    });

    it('serves a schema by GUID exactly as by id, and lists the ids carrying a GUID', async () => {
      const byGuid = await api('GET', `/schemas/guids/${registered.guid}`);
      expect(byGuid.status).toBe(200);
      expect(byGuid.body).toEqual((await api('GET', `/schemas/ids/${registered.id}`)).body);
      expect((await api('GET', `/schemas/guids/${registered.guid.toUpperCase()}?format=`)).body.guid).toBe(registered.guid);
      expect((await api('GET', `/schemas/guids/${registered.guid}/ids`)).body).toEqual([{ context: '.', id: registered.id }]);
    });

    it('answers an unknown or malformed GUID with 40403, and an empty id list', async () => {
      for (const guid of ['00000000-0000-8000-8000-000000000000', 'not-a-guid']) {
        const missing = await api('GET', `/schemas/guids/${guid}`);
        expect(missing.status).toBe(404);
        expect(missing.body.error_code).toBe(40403);
        expect((await api('GET', `/schemas/guids/${guid}/ids`)).body).toEqual([]);
      }
    });

    it('round-trips through the Confluent client’s header-based serde', async () => {
      const sr = new SchemaRegistryClient({ baseURLs: [registry.url] });
      const serializer = new JsonSerializer(sr, SerdeType.VALUE, { useLatestVersion: true, schemaIdSerializer: HeaderSchemaIdSerializer });
      const headers: Record<string, Buffer> = {};
      const body = await serializer.serialize('payments', order, headers as never);
      expect(headers[VALUE_SCHEMA_ID_HEADER][0]).toBe(1);
      const deserializer = new JsonDeserializer(new SchemaRegistryClient({ baseURLs: [registry.url] }), SerdeType.VALUE, {});
      expect(await deserializer.deserialize('payments', body, headers as never)).toEqual(order);
    });

    it('writes and reads the header framing in Charter’s SDK byte for byte as Confluent’s client does', async () => {
      const sr = new SchemaRegistryClient({ baseURLs: [registry.url] });
      const serializer = new JsonSerializer(sr, SerdeType.VALUE, { useLatestVersion: true, schemaIdSerializer: HeaderSchemaIdSerializer });
      const confluentHeaders: Record<string, Buffer> = {};
      const confluentBody = await serializer.serialize('payments', order, confluentHeaders as never);

      const codec = new EventCodec({ registry: new RegistryClient({ url: registry.url }) });
      const envelope = await codec.encode('payments-value', order);
      const record = await codec.serializeWithGuid(envelope, 'header');
      expect(Buffer.from(record.body)).toEqual(confluentBody);
      expect(Buffer.from(record.headers[VALUE_SCHEMA_ID_HEADER] as Uint8Array)).toEqual(confluentHeaders[VALUE_SCHEMA_ID_HEADER]);

      // Charter reads Confluent's record; Confluent reads Charter's.
      const reader = new EventCodec({ registry: new RegistryClient({ url: registry.url }) });
      const fromConfluent: KafkaRecord = { body: confluentBody, headers: confluentHeaders };
      const decoded = await reader.decode(fromConfluent);
      expect(decoded).toMatchObject({ ok: true, writer: { id: registered.id } });
      expect(decoded.ok && decoded.event.data).toEqual(order);
      const deserializer = new JsonDeserializer(new SchemaRegistryClient({ baseURLs: [registry.url] }), SerdeType.VALUE, { validate: true });
      expect(await deserializer.deserialize('payments', Buffer.from(record.body), { ...record.headers } as never)).toEqual(order);
    });

    it('writes the GUID prefix framing that Confluent’s dual deserializer reads, and reads it back', async () => {
      const codec = new EventCodec({ registry: new RegistryClient({ url: registry.url }) });
      const record = await codec.serializeWithGuid(await codec.encode('payments-value', order), 'prefix');
      expect(record.body[0]).toBe(1);
      expect(Buffer.from(record.body.subarray(1, 17)).toString('hex')).toBe(registered.guid.replace(/-/g, ''));
      const deserializer = new JsonDeserializer(new SchemaRegistryClient({ baseURLs: [registry.url] }), SerdeType.VALUE, {
        schemaIdDeserializer: DualSchemaIdDeserializer,
      });
      expect(await deserializer.deserialize('payments', Buffer.from(record.body), {} as never)).toEqual(order);
      const decoded = await new EventCodec({ registry: new RegistryClient({ url: registry.url }) }).decode(record.body);
      expect(decoded.ok && decoded.event.data).toEqual(order);
    });
  });
}
