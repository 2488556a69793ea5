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
import type { MessageHandler, PublishOptions, Transport, TransportErrorHandler, TransportMessage, TransportSubscription } from './transport.js';

export interface NatsTransportOptions {
  /** e.g. `'nats://127.0.0.1:4222'`. */
  servers: string | string[];
  /** The JetStream stream holding every event subject. Created when missing. Default `'CHARTER'`. */
  stream?: string;
  /** Prepended to event subjects on the wire; the stream captures `<prefix>>`. Default `'charter.'`. */
  prefix?: string;
  /** How long a delivery may stay unacknowledged before JetStream redelivers it. Default 30 s. */
  ackWaitMs?: number;
  /**
   * Told about every failure outside a handler (a consumer deleted under us, a lost connection, a
   * handler that threw past the subscriber). The subscription resumes after it; default: `console.error`.
   */
  onError?: TransportErrorHandler;
  /** First pause before resubscribing after the consume loop failed; doubles up to 5 s. Default 250 ms. */
  resubscribeDelayMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * NATS JetStream transport: one durable pull consumer per (group, subject), explicit acks,
 * redelivery after `ackWaitMs` or on `nak`, de-duplication by message id (`Nats-Msg-Id`).
 *
 * The consume loop never ends silently: when the pull fails (consumer deleted, stream gone,
 * connection trouble) it reports through `onError`, recreates the durable consumer if needed and
 * resumes; only `close()` ends it.
 *
 * @example
 *   const transport = await NatsTransport.connect({ servers: 'nats://127.0.0.1:4222' });
 */
export class NatsTransport implements Transport {
  private readonly loops = new Set<{ stop(): Promise<void> }>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly prefix: string,
    private readonly options: NatsTransportOptions,
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
    return new NatsTransport(nc, nc.jetstream(), jsm, stream, prefix, options);
  }

  async publish(subject: string, message: WireMessage, options: PublishOptions = {}): Promise<void> {
    const h = natsHeaders();
    for (const [key, value] of Object.entries(message.headers)) h.set(key, value);
    // Awaiting the PubAck means the stream has stored the message (or, with a repeated msgID inside
    // the stream's duplicate window, that it already had it): publish is durable on return.
    await this.js.publish(this.prefix + subject, message.body, { headers: h, msgID: options.messageId });
  }

  async subscribe(subject: string, group: string, handler: MessageHandler): Promise<TransportSubscription> {
    const durable = `${group}__${subject}`.replace(/[^A-Za-z0-9_-]/g, '_');
    // The first consumer is made here so a bad configuration fails `subscribe` itself.
    let messages: ConsumerMessages | undefined = await this.consume(subject, durable);
    let closed = false;
    const report = this.options.onError ?? ((error, context) => console.error(`charter: NATS ${context.subject} (${context.group}): ${String(error)}; ${context.action}`));
    const run = (async () => {
      let delay = this.options.resubscribeDelayMs ?? 250;
      while (!closed) {
        try {
          messages ??= await this.consume(subject, durable);
          for await (const m of messages) {
            delay = this.options.resubscribeDelayMs ?? 250;
            // A handler that throws must not end the loop; its message goes back for redelivery.
            await handler(this.wrap(subject, m)).catch((error: unknown) => {
              m.nak();
              report(error, { subject, group, action: 'message nak-ed for redelivery' });
            });
          }
          if (!closed) throw new Error('the consume loop ended without close()');
        } catch (error) {
          if (closed) break;
          report(error, { subject, group, action: `resubscribing in ${delay} ms` });
        }
        messages = undefined;
        if (closed) break;
        await sleep(delay);
        delay = Math.min(delay * 2, 5_000);
      }
    })();
    // Not awaited on stop: a handler that never returns (a hung process) must not block close().
    void run;
    const loop = {
      stop: async () => {
        closed = true;
        messages?.stop();
      },
    };
    this.loops.add(loop);
    return {
      close: async () => {
        this.loops.delete(loop);
        await loop.stop();
      },
    };
  }

  async close(): Promise<void> {
    const loops = [...this.loops];
    this.loops.clear();
    await Promise.all(loops.map((loop) => loop.stop()));
    if (!this.nc.isClosed()) await this.nc.close();
  }

  /** Ensures the durable consumer exists (it may have been deleted) and starts pulling from it. */
  private async consume(subject: string, durable: string): Promise<ConsumerMessages> {
    try {
      await this.jsm.consumers.info(this.stream, durable);
    } catch {
      await this.jsm.consumers.add(this.stream, {
        durable_name: durable,
        filter_subject: this.prefix + subject,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
      });
    }
    const consumer = await this.js.consumers.get(this.stream, durable);
    // Without abort_on_missing_resource, a deleted consumer makes the client retry forever in
    // silence; with it, the iterator throws and the loop above reports and recreates it.
    return consumer.consume({ max_messages: 16, abort_on_missing_resource: true });
  }

  private wrap(subject: string, m: JsMsg): TransportMessage {
    const headers: Record<string, string> = {};
    // Nats-Msg-Id is the broker's, not the event's: copied into a dead letter, it would make
    // JetStream drop the dead letter as a duplicate of the original.
    if (m.headers !== undefined) for (const key of m.headers.keys()) if (key !== 'Nats-Msg-Id') headers[key] = m.headers.get(key);
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
