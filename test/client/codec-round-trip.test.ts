import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  causedBy,
  cloudEventBinary,
  cloudEventStructured,
  confluentWire,
  EventCodec,
  InvalidEventError,
  jsonEnvelope,
  RegistryClient,
  type Envelope,
} from '../../client/index.js';
import { startRegistry } from '../support/registry.js';
import { registerOrderPlaced, v2Event } from './support/order-placed.js';

let server: { url: string; close(): Promise<void> };
let codec: EventCodec;
let ids: Record<string, number>;

beforeAll(async () => {
  server = await startRegistry();
  const registry = new RegistryClient({ url: server.url });
  ids = await registerOrderPlaced(registry);
  codec = new EventCodec({ registry, source: 'order-service' });
});
afterAll(() => server.close());

describe('EventCodec.encode', () => {
  it('builds the envelope with the writer schema, aggregate fields and metadata', async () => {
    const envelope = await codec.encode('order.OrderPlaced', v2Event, {
      aggregateId: 'order_3',
      aggregateType: 'Order',
      aggregateVersion: 1,
      metadata: { userId: 'user_789' },
    });
    expect(envelope).toMatchObject({
      eventType: 'OrderPlaced',
      aggregateId: 'order_3',
      aggregateType: 'Order',
      version: 1,
      schema: { subject: 'order.OrderPlaced', version: '2.0.0', id: ids['2.0.0'] },
      data: v2Event,
      metadata: { source: 'order-service', userId: 'user_789' },
    });
    expect(envelope.eventId).toMatch(/^evt_/);
    // A new conversation correlates with its first event.
    expect(envelope.metadata.correlationId).toBe(envelope.eventId);
    expect(Number.isNaN(Date.parse(envelope.timestamp))).toBe(false);
  });

  it('writes an older version on request', async () => {
    const envelope = await codec.encode('order.OrderPlaced', { orderId: 'o', customerId: 'c', totalAmount: 1 }, { version: '1.0.0' });
    expect(envelope.schema).toEqual({ subject: 'order.OrderPlaced', version: '1.0.0', id: ids['1.0.0'] });
  });

  it('refuses data that does not match the writer version, with ajv errors', async () => {
    const error = await codec.encode('order.OrderPlaced', { orderId: 'o' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).errors).toContainEqual(expect.objectContaining({ keyword: 'required' }));
  });

  it('chains causation: causedBy copies the correlation id and points at the previous event', async () => {
    const first = await codec.encode('order.OrderPlaced', v2Event);
    const second = await codec.encode('order.OrderPlaced', v2Event, { metadata: causedBy(first) });
    expect(second.metadata.correlationId).toBe(first.metadata.correlationId);
    expect(second.metadata.causationId).toBe(first.eventId);
    expect(second.metadata.source).toBe('order-service');
  });
});

describe('round trips', () => {
  const formats = [jsonEnvelope, confluentWire, cloudEventStructured, cloudEventBinary];

  for (const format of formats) {
    it(`decodes what it encoded in the ${format.name} format`, async () => {
      const envelope = await codec.encode('order.OrderPlaced', v2Event, { aggregateId: 'order_3', aggregateType: 'Order', aggregateVersion: 4 });
      const result = await codec.decode(codec.serialize(envelope, format));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.event).toEqual(withoutUndefined(envelope));
      expect(result.writer).toEqual(envelope.schema);
      expect(result.reader).toEqual(envelope.schema);
    });
  }

  it('frames Confluent bytes as magic byte 0 and the big-endian schema id', async () => {
    const envelope = await codec.encode('order.OrderPlaced', v2Event);
    const { body } = codec.serialize(envelope, confluentWire);
    expect(body[0]).toBe(0);
    expect(Buffer.from(body).readUInt32BE(1)).toBe(ids['2.0.0']);
    expect(JSON.parse(Buffer.from(body.subarray(5)).toString())).toEqual(v2Event);
  });

  it('points a CloudEvent dataschema at the registry schema by id', async () => {
    const envelope = await codec.encode('order.OrderPlaced', v2Event);
    const structured = JSON.parse(Buffer.from(codec.serialize(envelope, cloudEventStructured).body).toString());
    expect(structured).toMatchObject({ specversion: '1.0', id: envelope.eventId, type: 'order.OrderPlaced', source: 'order-service' });
    expect(structured.dataschema).toBe(`${server.url}/schemas/ids/${ids['2.0.0']}`);
    const binary = codec.serialize(envelope, cloudEventBinary);
    expect(binary.headers['ce-dataschema']).toBe(structured.dataschema);
    expect(JSON.parse(Buffer.from(binary.body).toString())).toEqual(v2Event);
  });

  it('decodes bare Confluent-framed bytes by schema id alone', async () => {
    const envelope = await codec.encode('order.OrderPlaced', v2Event);
    const { body } = codec.serialize(envelope, confluentWire);
    const result = await new EventCodec({ registry: new RegistryClient({ url: server.url }) }).decode(body);
    expect(result).toMatchObject({ ok: true, event: { data: v2Event }, writer: { subject: 'order.OrderPlaced', version: '2.0.0' } });
  });

  it('reports garbage bytes as invalid instead of throwing', async () => {
    const result = await codec.decode(new TextEncoder().encode('not json'));
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

function withoutUndefined<T>(value: Envelope<T>): Envelope<T> {
  return JSON.parse(JSON.stringify(value)) as Envelope<T>;
}
