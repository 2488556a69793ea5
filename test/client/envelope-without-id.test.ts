import { describe, expect, it } from 'vitest';
import { confluentWire, jsonEnvelope, toCloudEvent, type Envelope } from '../../client/index.js';

// What a generated `create()` makes when it is not given a schemaId: subject and semver, no id.
const created: Envelope<{ orderId: string }, 'order.OrderPlaced', '2.0.0', 'OrderPlaced'> = {
  eventType: 'OrderPlaced',
  eventId: 'evt_1',
  timestamp: '2026-11-30T10:00:00.000Z',
  aggregateId: 'order_1',
  aggregateType: 'Order',
  version: 1,
  schema: { subject: 'order.OrderPlaced', version: '2.0.0' },
  data: { orderId: 'o_1' },
  metadata: { correlationId: 'corr_1', source: 'order-service' },
};
const context = { registryUrl: 'http://registry.test' };

describe('an envelope without a schema id (as generated code creates it)', () => {
  it('travels as a JSON envelope unchanged: subject and semver are enough to decode it', () => {
    const { body } = jsonEnvelope.write(created, context);
    expect(JSON.parse(Buffer.from(body).toString('utf8'))).toEqual(created);
  });

  it('is refused by Confluent framing, which has nowhere to put a missing id, with the subject and version named', () => {
    expect(() => confluentWire.write(created, context)).toThrow(
      new TypeError('order.OrderPlaced@2.0.0: the envelope carries no schema id, which Confluent framing needs; encode it with the codec or give create() a schemaId'),
    );
  });

  it('becomes a CloudEvent without dataschema, and with it once the id is known', () => {
    expect(toCloudEvent(created, context)).not.toHaveProperty('dataschema');
    const withId = { ...created, schema: { ...created.schema, id: 7 } };
    expect(toCloudEvent(withId, context).dataschema).toBe('http://registry.test/schemas/ids/7');
  });
});
