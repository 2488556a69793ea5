import {
  AckPolicy,
  connect,
  DeliverPolicy,
  headers as natsHeaders,
  nanos,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import type { WireMessage } from '../codec/formats/wire-message.js';
import type { MessageHandler, Transport, TransportMessage, TransportSubscription } from './transport.js';

export interface NatsTransportOptions {
  /** e.g. `'nats://127.0.0.1:4222'`. */
  servers: string | string[];
  /** The JetStream stream holding every event subject. Created when missing. Default `'CHARTER'`. */
  stream?: string;
  /** Prepended to event subjects on the wire; the stream captures `<prefix>>`. Default `'charter.'`. */
  prefix?: string;
  /** How long a delivery may stay unacknowledged before JetStream redelivers it. Default 30 s. */
  ackWaitMs?: number;
}

/**
 * NATS JetStream transport: one durable pull consumer per (group, subject), explicit acks,
 * redelivery after `ackWaitMs` or on `nak`.
 *
 * @example
 *   const transport = await NatsTransport.connect({ servers: 'nats://127.0.0.1:4222' });
 */
export class NatsTransport implements Transport {
  private readonly subscriptions = new Set<ConsumerMessages>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly prefix: string,
    private readonly ackWaitMs: number,
  ) {}

  static async connect(options: NatsTransportOptions): Promise<NatsTransport> {
    const nc = await connect({ servers: options.servers });
    const jsm = await nc.jetstreamManager();
    const stream = options.stream ?? 'CHARTER';
    const prefix = options.prefix ?? 'charter.';
    try {
      await jsm.streams.info(stream);
    } catch {
      await jsm.streams.add({ name: stream, subjects: [`${prefix}>`] });
    }
    return new NatsTransport(nc, nc.jetstream(), jsm, stream, prefix, options.ackWaitMs ?? 30_000);
  }

  async publish(subject: string, message: WireMessage): Promise<void> {
    const h = natsHeaders();
    for (const [key, value] of Object.entries(message.headers)) h.set(key, value);
    // Awaiting the PubAck means the stream has stored the message: publish is durable on return.
    await this.js.publish(this.prefix + subject, message.body, { headers: h });
  }

  async subscribe(subject: string, group: string, handler: MessageHandler): Promise<TransportSubscription> {
    const durable = `${group}__${subject}`.replace(/[^A-Za-z0-9_-]/g, '_');
    try {
      await this.jsm.consumers.info(this.stream, durable);
    } catch {
      await this.jsm.consumers.add(this.stream, {
        durable_name: durable,
        filter_subject: this.prefix + subject,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: nanos(this.ackWaitMs),
      });
    }
    const consumer = await this.js.consumers.get(this.stream, durable);
    const messages = await consumer.consume({ max_messages: 16 });
    this.subscriptions.add(messages);
    void (async () => {
      for await (const m of messages) {
        // A handler that throws must not end the loop; its message goes back for redelivery.
        await handler(this.wrap(subject, m)).catch(() => m.nak());
      }
    })().catch(() => undefined);
    return {
      close: async () => {
        this.subscriptions.delete(messages);
        await messages.close();
      },
    };
  }

  async close(): Promise<void> {
    for (const messages of this.subscriptions) messages.stop();
    this.subscriptions.clear();
    if (!this.nc.isClosed()) await this.nc.close();
  }

  private wrap(subject: string, m: JsMsg): TransportMessage {
    const headers: Record<string, string> = {};
    if (m.headers !== undefined) for (const key of m.headers.keys()) headers[key] = m.headers.get(key);
    return {
      subject,
      body: m.data,
      headers,
      redelivered: m.redelivered,
      deliveryCount: m.info.deliveryCount,
      ack: () => m.ack(),
      nak: (delayMs?: number) => m.nak(delayMs),
    };
  }
}
