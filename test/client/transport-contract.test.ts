import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { afterEach, describe, expect, it } from 'vitest';
import { NatsTransport } from '../../client/transport/nats-transport.js';
import type { TransportErrorContext } from '../../client/transport/transport.js';
import type { TransportMessage } from '../../client/transport/transport.js';
import { transportFactories, waitFor, type TransportWorld } from './support/transports.js';

const encode = (text: string) => ({ body: new TextEncoder().encode(text), headers: { 'x-test': text } });
const text = (m: TransportMessage) => new TextDecoder().decode(m.body);

// The raw at-least-once contract every Transport keeps, independent of the codec.
for (const factory of transportFactories()) {
  describe(`${factory.name} transport contract`, () => {
    let world: TransportWorld;
    afterEach(() => world?.dispose());

    it('delivers messages in order with their headers', async () => {
      world = await factory.create({ ackWaitMs: 1_000 });
      const transport = await world.connect();
      const got: string[] = [];
      await transport.subscribe('a.b', 'g', async (m) => {
        got.push(`${text(m)}:${m.headers['x-test']}`);
        m.ack();
      });
      for (const t of ['1', '2', '3']) await transport.publish('a.b', encode(t));
      await waitFor(() => got.length === 3);
      expect(got).toEqual(['1:1', '2:2', '3:3']);
    });

    it('keeps messages published before the group first subscribed', async () => {
      world = await factory.create({ ackWaitMs: 1_000 });
      const transport = await world.connect();
      await transport.publish('a.b', encode('early'));
      const got: string[] = [];
      await transport.subscribe('a.b', 'late', async (m) => {
        got.push(text(m));
        m.ack();
      });
      await waitFor(() => got.length === 1);
      expect(got).toEqual(['early']);
    });

    it('redelivers a nak-ed message with a growing delivery count', async () => {
      world = await factory.create({ ackWaitMs: 1_000 });
      const transport = await world.connect();
      const counts: number[] = [];
      await transport.subscribe('a.b', 'g', async (m) => {
        counts.push(m.deliveryCount);
        if (m.deliveryCount < 2) m.nak(10);
        else m.ack();
      });
      await transport.publish('a.b', encode('x'));
      await waitFor(() => counts.length === 2);
      expect(counts).toEqual([1, 2]);
    });

    it('redelivers a message nobody acknowledged within the ack wait', async () => {
      world = await factory.create({ ackWaitMs: 500 });
      const transport = await world.connect();
      const seen: boolean[] = [];
      await transport.subscribe('a.b', 'g', async (m) => {
        seen.push(m.redelivered);
        if (m.redelivered) m.ack();
      });
      await transport.publish('a.b', encode('x'));
      await waitFor(() => seen.length === 2);
      expect(seen).toEqual([false, true]);
    });

    it('hands a crashed subscriber’s unacknowledged message to the next one in its group', async () => {
      world = await factory.create({ ackWaitMs: 1_000 });
      const crashing = await world.connect();
      let started = false;
      await crashing.subscribe('a.b', 'g', () => {
        started = true;
        return new Promise(() => undefined);
      });
      await (await world.connect()).publish('a.b', encode('x'));
      await waitFor(() => started);
      await crashing.close();
      const got: Array<[string, boolean]> = [];
      await (await world.connect()).subscribe('a.b', 'g', async (m) => {
        got.push([text(m), m.redelivered]);
        m.ack();
      });
      await waitFor(() => got.length === 1);
      expect(got).toEqual([['x', true]]);
    });

    it('stores a message published twice under one message id once, and distinct ids each', async () => {
      world = await factory.create({ ackWaitMs: 1_000 });
      const transport = await world.connect();
      await transport.publish('a.b', encode('1'), { messageId: 'm-1' });
      await transport.publish('a.b', encode('1 again'), { messageId: 'm-1' });
      await (await world.connect()).publish('a.b', encode('1 from another connection'), { messageId: 'm-1' });
      await transport.publish('a.b', encode('2'), { messageId: 'm-2' });
      await transport.publish('a.b', encode('no id'));
      await transport.publish('a.b', encode('no id'));
      const got: string[] = [];
      await transport.subscribe('a.b', 'g', async (m) => {
        got.push(text(m));
        m.ack();
      });
      await waitFor(() => got.length >= 4);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(got).toEqual(['1', '2', 'no id', 'no id']);
    });

    // JetStream only: what the consume loop does when the broker pulls the rug.
    const natsUrl = process.env.NATS_URL;
    if (factory.name === 'NATS JetStream' && natsUrl !== undefined) {
      it('reports a deleted consumer, recreates it and keeps delivering', async () => {
        const id = randomUUID().replace(/-/g, '');
        const stream = `CHARTER_TEST_${id}`;
        const errors: Array<[string, TransportErrorContext]> = [];
        const transport = await NatsTransport.connect({
          servers: natsUrl,
          stream,
          prefix: `t${id}.`,
          ackWaitMs: 1_000,
          resubscribeDelayMs: 50,
          onError: (error, context) => errors.push([String(error), context]),
        });
        const admin = await connect({ servers: natsUrl });
        try {
          const got: string[] = [];
          await transport.subscribe('a.b', 'g', async (m) => {
            got.push(new TextDecoder().decode(m.body));
            m.ack();
          });
          await transport.publish('a.b', encode('before'));
          await waitFor(() => got.length === 1);

          await (await admin.jetstreamManager()).consumers.delete(stream, 'g__a_b');
          await waitFor(() => errors.length > 0, 15_000);
          expect(errors[0][1]).toMatchObject({ subject: 'a.b', group: 'g' });
          expect(errors[0][1].action).toMatch(/^resubscribing in \d+ ms$/);

          await transport.publish('a.b', encode('after'));
          await waitFor(() => got.includes('after'), 15_000);
          // The recreated consumer starts from the stream's beginning (DeliverPolicy.All): at-least-once, not lost.
          expect(got).toContain('before');
          expect(got.at(-1)).toBe('after');
        } finally {
          await transport.close();
          await (await admin.jetstreamManager()).streams.delete(stream).catch(() => false);
          await admin.close();
        }
      }, 40_000);
    }
  });
}
