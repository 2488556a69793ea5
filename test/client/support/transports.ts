import { randomUUID } from 'node:crypto';
import { connect } from 'nats';
import { MemoryBus } from '../../../client/transport/memory-bus.js';
import { NatsTransport } from '../../../client/transport/nats-transport.js';
import type { Transport } from '../../../client/transport/transport.js';

/** One isolated bus for one test: fresh connections to it, and a way to tear it down. */
export interface TransportWorld {
  connect(): Promise<Transport>;
  dispose(): Promise<void>;
}

export interface TransportFactory {
  name: string;
  create(options: { ackWaitMs: number }): Promise<TransportWorld>;
}

const memory: TransportFactory = {
  name: 'memory bus',
  async create({ ackWaitMs }) {
    const bus = new MemoryBus({ ackWaitMs });
    const opened: Transport[] = [];
    return {
      async connect() {
        const transport = bus.connect();
        opened.push(transport);
        return transport;
      },
      async dispose() {
        await Promise.all(opened.map((t) => t.close()));
      },
    };
  },
};

/** JetStream on a throw-away stream with its own subject prefix, so tests never see each other's messages. */
function nats(servers: string): TransportFactory {
  return {
    name: 'NATS JetStream',
    async create({ ackWaitMs }) {
      const id = randomUUID().replace(/-/g, '');
      const stream = `CHARTER_TEST_${id}`;
      const prefix = `t${id}.`;
      const opened: Transport[] = [];
      return {
        async connect() {
          const transport = await NatsTransport.connect({ servers, stream, prefix, ackWaitMs });
          opened.push(transport);
          return transport;
        },
        async dispose() {
          await Promise.all(opened.map((t) => t.close()));
          const nc = await connect({ servers });
          await (await nc.jetstreamManager()).streams.delete(stream).catch(() => false);
          await nc.close();
        },
      };
    },
  };
}

/** The in-memory bus always; NATS JetStream too when `NATS_URL` is set. */
export function transportFactories(): TransportFactory[] {
  const url = process.env.NATS_URL;
  return url === undefined || url === '' ? [memory] : [memory, nats(url)];
}

export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
