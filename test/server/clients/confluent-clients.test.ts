import { SchemaRegistry as KafkajsRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { JsonDeserializer, JsonSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../../support/registry.js';
import { orderPlacedV1, orderPlacedV1_1, orderPlacedV2 } from '../../support/schemas.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

const event = { orderId: 'o-1', customerId: 'c-1', totalAmount: 59.98 };

describe('@kafkajs/confluent-schema-registry against a listening Charter', () => {
  it('registers, looks up, reads by id and round-trips an event through its JSON encoder', async () => {
    const client = new KafkajsRegistry({ host: registry.url });
    const { id } = await client.register({ type: SchemaType.JSON, schema: JSON.stringify(orderPlacedV1) }, { subject: 'kafkajs-orders-value' });
    expect(id).toBeGreaterThan(0);
    expect(await client.getLatestSchemaId('kafkajs-orders-value')).toBe(id);
    expect(await client.getRegistryIdBySchema('kafkajs-orders-value', { type: SchemaType.JSON, schema: JSON.stringify(orderPlacedV1) })).toBe(id);
    expect(await client.getRegistryId('kafkajs-orders-value', 1)).toBe(id);
    const encoded = await client.encode(id, event);
    expect(encoded[0]).toBe(0);
    expect(encoded.readInt32BE(1)).toBe(id);
    expect(await client.decode(encoded)).toEqual(event);
    await expect(client.encode(id, { orderId: 'missing fields' })).rejects.toThrow();
  });
});

describe('@confluentinc/schemaregistry against a listening Charter', () => {
  const client = () => new SchemaRegistryClient({ baseURLs: [registry.url] });

  it('registers, reads metadata, checks compatibility and manages config', async () => {
    const sr = client();
    const id = await sr.register('confluent.OrderPlaced', { schemaType: 'JSON', schema: JSON.stringify(orderPlacedV1) });
    const latest = await sr.getLatestSchemaMetadata('confluent.OrderPlaced');
    expect(latest).toMatchObject({ id, version: 1, subject: 'confluent.OrderPlaced' });
    expect((await sr.getBySubjectAndId('confluent.OrderPlaced', id)).schema).toBe(JSON.stringify(orderPlacedV1));
    expect(await sr.testSubjectCompatibility('confluent.OrderPlaced', { schemaType: 'JSON', schema: JSON.stringify(orderPlacedV1_1) })).toBe(true);
    expect(await sr.testCompatibility('confluent.OrderPlaced', 1, { schemaType: 'JSON', schema: JSON.stringify(orderPlacedV2) })).toBe(false);
    await sr.updateConfig('confluent.OrderPlaced', { compatibility: 'FULL' as never });
    expect((await sr.getConfig('confluent.OrderPlaced')).compatibilityLevel).toBe('FULL');
    expect(await sr.getAllVersions('confluent.OrderPlaced')).toEqual([1]);
    await expect(sr.register('confluent.OrderPlaced', { schemaType: 'JSON', schema: JSON.stringify(orderPlacedV2) })).rejects.toMatchObject({
      status: 409,
    });
  });

  it('encodes and decodes with its JsonSerializer and JsonDeserializer (validate on)', async () => {
    const sr = client();
    await sr.register('confluent-serde-value', { schemaType: 'JSON', schema: JSON.stringify(orderPlacedV1) });
    const serializer = new JsonSerializer(sr, SerdeType.VALUE, { useLatestVersion: true, validate: true });
    const deserializer = new JsonDeserializer(sr, SerdeType.VALUE, { validate: true });
    const bytes = await serializer.serialize('confluent-serde', event);
    expect(bytes[0]).toBe(0);
    expect(await deserializer.deserialize('confluent-serde', bytes)).toEqual(event);
    await expect(serializer.serialize('confluent-serde', { orderId: 1 })).rejects.toThrow();
  });
});
