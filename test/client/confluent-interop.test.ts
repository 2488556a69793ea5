import {
  JsonataExecutor,
  JsonDeserializer,
  JsonSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confluentWire, EventCodec, RegistryClient } from '../../client/index.js';
import { startRegistry } from '../support/registry.js';
import { registerOrderPlaced, v2Event } from './support/order-placed.js';

// Confluent's TopicNameStrategy: topic `orders` → subject `orders-value`.
const topic = 'orders';
const subject = 'orders-value';

let server: { url: string; close(): Promise<void> };
let codec: EventCodec;
let confluent: SchemaRegistryClient;
let ids: Record<string, number>;

beforeAll(async () => {
  JsonataExecutor.register();
  server = await startRegistry();
  const registry = new RegistryClient({ url: server.url });
  ids = await registerOrderPlaced(registry, subject);
  codec = new EventCodec({ registry });
  confluent = new SchemaRegistryClient({ baseURLs: [server.url] });
});
afterAll(() => server.close());

describe('interoperability with @confluentinc/schemaregistry', () => {
  it('decodes bytes written by its JsonSerializer', async () => {
    const serializer = new JsonSerializer(confluent, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false, validate: true });
    const bytes = await serializer.serialize(topic, v2Event);
    const result = await codec.decode(new Uint8Array(bytes), { accept: '^2.0.0' });
    expect(result).toMatchObject({ ok: true, writer: { subject, version: '2.0.0', id: ids['2.0.0'] }, event: { data: v2Event } });
  });

  it('downcasts bytes written by its JsonSerializer for a 1.x reader', async () => {
    const serializer = new JsonSerializer(confluent, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false, validate: true });
    const result = await codec.decode(new Uint8Array(await serializer.serialize(topic, v2Event)), { accept: '^1.0.0' });
    expect(result).toMatchObject({ ok: true, reader: { version: '1.1.0' }, event: { data: { totalAmount: 55.5 } } });
  });

  it('writes bytes its JsonDeserializer reads and validates', async () => {
    const deserializer = new JsonDeserializer(confluent, SerdeType.VALUE, { validate: true });
    const envelope = await codec.encode(subject, v2Event);
    const bytes = Buffer.from(codec.serialize(envelope, confluentWire).body);
    expect(await deserializer.deserialize(topic, bytes)).toEqual(v2Event);
  });
});
