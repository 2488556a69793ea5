import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  deadLetterHeaders,
  EventCodec,
  Publisher,
  RegistryClient,
  Subscriber,
  confluentWire,
  toConfluentWire,
  type Envelope,
  type TransportMessage,
} from '../../client/index.js';
import { startRegistry } from '../support/registry.js';
import { registerOrderPlaced, v1Event, v2Event } from './support/order-placed.js';
import { transportFactories, waitFor, type TransportWorld } from './support/transports.js';

const subject = 'order.OrderPlaced';
let server: { url: string; close(): Promise<void> };
let codec: EventCodec;

beforeAll(async () => {
  server = await startRegistry();
  const registry = new RegistryClient({ url: server.url });
  await registerOrderPlaced(registry);
  codec = new EventCodec({ registry, source: 'order-service' });
});
afterAll(() => server.close());

// One contract suite, run against every transport implementation.
for (const factory of transportFactories()) {
  describe(`Publisher and Subscriber over ${factory.name}`, () => {
    let world: TransportWorld;
    afterEach(() => world?.dispose());

    it('delivers a 1.0.0 event to a ^2.0.0 subscriber in 2.0.0, once', async () => {
      world = await factory.create({ ackWaitMs: 1_000 });
      const transport = await world.connect();
      const received: Envelope[] = [];
      await new Subscriber({ codec, transport, group: 'billing' }).subscribe(subject, { accept: '^2.0.0' }, (event) => {
        received.push(event);
      });
      const sent = await new Publisher({ codec, transport }).publish(subject, v1Event, { version: '1.0.0' });
      await waitFor(() => received.length === 1);
      expect(received[0]).toMatchObject({ eventId: sent.eventId, schema: { version: '2.0.0' }, data: { pricing: { total: 42.5 } } });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(received).toHaveLength(1);
    });

    it('carries Confluent-framed messages too', async () => {
      world = await factory.create({ ackWaitMs: 1_000 });
      const transport = await world.connect();
      const received: Envelope[] = [];
      await new Subscriber({ codec, transport, group: 'legacy' }).subscribe(subject, { accept: '~1.1.0' }, (event) => {
        received.push(event);
      });
      const sent = await new Publisher({ codec, transport, format: confluentWire }).publish(subject, v2Event);
      await waitFor(() => received.length === 1);
      expect(received[0]).toMatchObject({ eventId: sent.eventId, schema: { version: '1.1.0' }, data: { totalAmount: 55.5 } });
    });

    it('sends poison messages to the dead-letter subject with the reason, and acks them', async () => {
      world = await factory.create({ ackWaitMs: 1_000 });
      const transport = await world.connect();
      const handled: Envelope[] = [];
      const dead: TransportMessage[] = [];
      await new Subscriber({ codec, transport, group: 'billing' }).subscribe(subject, { accept: '^2.0.0' }, (event) => {
        handled.push(event);
      });
      await transport.subscribe(`dlq.${subject}`, 'ops', async (message) => {
        dead.push(message);
        message.ack();
      });
      const valid = await codec.encode(subject, v2Event);
      const invalid = { ...valid, eventId: 'evt_bad', data: { orderId: 'o' } };
      await transport.publish(subject, { body: new TextEncoder().encode(JSON.stringify(invalid)), headers: {} });
      await transport.publish(subject, { body: toConfluentWire(987_654, v2Event), headers: {} });
      await transport.publish(subject, { body: new TextEncoder().encode('{not json'), headers: {} });
      await waitFor(() => dead.length === 3);
      expect(dead.map((m) => m.headers[deadLetterHeaders.reason])).toEqual(['invalid', 'unknown-schema', 'invalid']);
      expect(dead[0].headers[deadLetterHeaders.group]).toBe('billing');
      expect(JSON.parse(new TextDecoder().decode(dead[0].body))).toEqual(invalid);
      expect(JSON.parse(dead[0].headers[deadLetterHeaders.errors])).toContainEqual(expect.objectContaining({ keyword: 'required' }));
      expect(handled).toHaveLength(0);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(dead).toHaveLength(3);
    });

    it('redelivers an event whose handler threw, until it is handled', async () => {
      world = await factory.create({ ackWaitMs: 1_000 });
      const transport = await world.connect();
      const attempts: boolean[] = [];
      await new Subscriber({ codec, transport, group: 'billing', retryDelayMs: 50 }).subscribe(subject, { accept: '^2.0.0' }, (_event, delivery) => {
        attempts.push(delivery.redelivered);
        if (attempts.length < 3) throw new Error('database down');
      });
      await new Publisher({ codec, transport }).publish(subject, v2Event);
      await waitFor(() => attempts.length === 3);
      expect(attempts).toEqual([false, true, true]);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(attempts).toHaveLength(3);
    });

    it('redelivers to a new subscriber on the same durable group after a crash before ack', async () => {
      world = await factory.create({ ackWaitMs: 1_000 });
      const crashing = await world.connect();
      let started = false;
      await new Subscriber({ codec, transport: crashing, group: 'shipping' }).subscribe(subject, { accept: '^2.0.0' }, () => {
        started = true;
        return new Promise(() => undefined); // never finishes: the process dies mid-handler
      });
      const publisher = await world.connect();
      const sent = await new Publisher({ codec, transport: publisher }).publish(subject, v2Event);
      await waitFor(() => started);
      await crashing.close();

      const survivor = await world.connect();
      const received: Array<{ eventId: string; redelivered: boolean }> = [];
      await new Subscriber({ codec, transport: survivor, group: 'shipping' }).subscribe(subject, { accept: '^2.0.0' }, (event, delivery) => {
        received.push({ eventId: event.eventId, redelivered: delivery.redelivered });
      });
      await waitFor(() => received.length === 1);
      expect(received[0]).toEqual({ eventId: sent.eventId, redelivered: true });
    });

    it('gives every group its own copy of each event', async () => {
      world = await factory.create({ ackWaitMs: 1_000 });
      const transport = await world.connect();
      const seen: string[] = [];
      await new Subscriber({ codec, transport, group: 'billing' }).subscribe(subject, { accept: '^2.0.0' }, () => void seen.push('billing'));
      await new Subscriber({ codec, transport, group: 'analytics' }).subscribe(subject, { accept: '^1.0.0' }, () => void seen.push('analytics'));
      await new Publisher({ codec, transport }).publish(subject, v2Event);
      await waitFor(() => seen.length === 2);
      expect(seen.sort()).toEqual(['analytics', 'billing']);
    });

    it('dead-letters a message whose handler keeps throwing after maxDeliveries, with the cause, and reports each failure', async () => {
      world = await factory.create({ ackWaitMs: 2_000 });
      const transport = await world.connect();
      const attempts: number[] = [];
      const reported: Array<[string, number, string]> = [];
      const dead: TransportMessage[] = [];
      await transport.subscribe(`dlq.${subject}`, 'ops', async (message) => {
        dead.push(message);
        message.ack();
      });
      const subscriber = new Subscriber({
        codec,
        transport,
        group: 'billing',
        retryDelayMs: 20,
        maxDeliveries: 3,
        onError: (_error, context) => reported.push([context.action, context.deliveryCount, context.reason]),
      });
      await subscriber.subscribe(subject, { accept: '^2.0.0' }, (_event, delivery) => {
        attempts.push(delivery.deliveryCount);
        throw new Error('ledger is read-only', { cause: new Error('disk full') });
      });
      const sent = await new Publisher({ codec, transport }).publish(subject, v2Event);
      await waitFor(() => dead.length === 1);
      expect(attempts).toEqual([1, 2, 3]);
      expect(reported).toEqual([
        ['retry', 1, 'handler-failed'],
        ['retry', 2, 'handler-failed'],
        ['dead-letter', 3, 'handler-failed'],
      ]);
      expect(dead[0].headers[deadLetterHeaders.reason]).toBe('handler-failed');
      expect(dead[0].headers[deadLetterHeaders.message]).toBe('Error: ledger is read-only (cause: Error: disk full)');
      expect(dead[0].headers[deadLetterHeaders.deliveries]).toBe('3');
      expect(JSON.parse(new TextDecoder().decode(dead[0].body))).toMatchObject({ eventId: sent.eventId });
      // Acked after dead-lettering: never delivered again.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(attempts).toHaveLength(3);
      expect(dead).toHaveLength(1);
    });

    it('delivers an envelope published twice (a retried publish) once', async () => {
      world = await factory.create({ ackWaitMs: 1_000 });
      const transport = await world.connect();
      const publisher = new Publisher({ codec, transport });
      const envelope = await codec.encode(subject, v2Event);
      await publisher.publishEnvelope(envelope);
      await publisher.publishEnvelope(envelope);
      const other = await codec.encode(subject, v2Event);
      await publisher.publishEnvelope(other);
      const received: string[] = [];
      await new Subscriber({ codec, transport, group: 'billing' }).subscribe(subject, { accept: '^2.0.0' }, (event) => void received.push(event.eventId));
      await waitFor(() => received.length >= 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toEqual([envelope.eventId, other.eventId]);
    });
  });
}
