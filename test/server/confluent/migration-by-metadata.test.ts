import { JsonDeserializer, JsonSerializer, JsonataExecutor, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCodec, RegistryClient } from '../../../client/index.js';
import { startRegistry, type TestRegistry } from '../../support/registry.js';
import { testBackends } from '../../support/databases.js';

JsonataExecutor.register();

/*
 * The data-contract story Confluent documents: v1 → v2 is a breaking change carried by UPGRADE and
 * DOWNGRADE rules, and consumers pin the major they read with `useLatestWithMetadata`.
 */
const v1 = {
  type: 'object',
  properties: { orderId: { type: 'string' }, amount: { type: 'number' } },
  required: ['orderId', 'amount'],
};
const v2 = {
  type: 'object',
  properties: { orderId: { type: 'string' }, total: { type: 'object', properties: { value: { type: 'number' } }, required: ['value'] } },
  required: ['orderId', 'total'],
};
const rules = {
  migrationRules: [
    { name: 'amount-to-total', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr: '{"orderId": orderId, "total": {"value": amount}}' },
    { name: 'total-to-amount', kind: 'TRANSFORM', type: 'JSONATA', mode: 'DOWNGRADE', expr: '{"orderId": orderId, "amount": total.value}' },
  ],
};

for (const backend of testBackends) {
  describe(`a major version carried by migration rules, read by Confluent's client (${backend.name})`, () => {
    let registry: TestRegistry;
    let drop: () => Promise<void>;
    let sr: SchemaRegistryClient;
    beforeAll(async () => {
      const created = await backend.create();
      drop = created.drop;
      registry = await startRegistry({ store: created.store });
      sr = new SchemaRegistryClient({ baseURLs: [registry.url] });
      await sr.updateConfig('orders-value', { compatibilityGroup: 'major' });
      await sr.register('orders-value', { schemaType: 'JSON', schema: JSON.stringify(v1), metadata: { properties: { major: '1' } } });
      await sr.register('orders-value', { schemaType: 'JSON', schema: JSON.stringify(v2), metadata: { properties: { major: '2' } }, ruleSet: rules as never });
    });
    afterAll(async () => {
      await registry?.close();
      await drop?.();
    });

    it('downgrades a v2 message for a consumer pinned to major 1', async () => {
      const producer = new JsonSerializer(sr, SerdeType.VALUE, { useLatestVersion: true });
      const bytes = await producer.serialize('orders', { orderId: 'o-1', total: { value: 12.5 } });
      const v1Reader = new JsonDeserializer(new SchemaRegistryClient({ baseURLs: [registry.url] }), SerdeType.VALUE, {
        useLatestWithMetadata: { major: '1' },
      });
      expect(await v1Reader.deserialize('orders', bytes)).toEqual({ orderId: 'o-1', amount: 12.5 });
    });

    it('gives Charter’s SDK the same downgrade and upgrade from the same Confluent-framed bytes', async () => {
      const producer = new JsonSerializer(sr, SerdeType.VALUE, { useLatestVersion: true });
      const v2Bytes = await producer.serialize('orders', { orderId: 'o-3', total: { value: 8 } });
      const codec = new EventCodec({ registry: new RegistryClient({ url: registry.url }) });
      const down = await codec.decode(v2Bytes, { accept: '^1.0.0' });
      expect(down.ok && down.event.data).toEqual({ orderId: 'o-3', amount: 8 });
      const v1Bytes = await new JsonSerializer(sr, SerdeType.VALUE, { useLatestWithMetadata: { major: '1' } }).serialize('orders', { orderId: 'o-4', amount: 2 });
      const up = await codec.decode(v1Bytes, { accept: '^2.0.0' });
      expect(up.ok && up.event.data).toEqual({ orderId: 'o-4', total: { value: 2 } });
    });

    it('upgrades a v1 message for a consumer reading the latest version', async () => {
      const producer = new JsonSerializer(sr, SerdeType.VALUE, { useLatestWithMetadata: { major: '1' } });
      const bytes = await producer.serialize('orders', { orderId: 'o-2', amount: 3 });
      const latestReader = new JsonDeserializer(new SchemaRegistryClient({ baseURLs: [registry.url] }), SerdeType.VALUE, { useLatestVersion: true });
      expect(await latestReader.deserialize('orders', bytes)).toEqual({ orderId: 'o-2', total: { value: 3 } });
    });

    it('answers the id of a version with the metadata and rules it was registered with', async () => {
      const latest = await sr.getLatestSchemaMetadata('orders-value');
      const byId = await fetch(`${registry.url}/schemas/ids/${latest.id}`).then((r) => r.json());
      expect(byId).toMatchObject({ schemaType: 'JSON', schema: JSON.stringify(v2), metadata: { properties: { major: '2' } }, ruleSet: rules });
    });
  });
}
