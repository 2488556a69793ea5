import type { DecodeSuccess } from '../codec/decode-result.js';
import type { EventCodec } from '../codec/event-codec.js';
import type { Envelope } from '../codec/envelope.js';
import { deadLetter, deadLetterSubject } from './dead-letter.js';
import type { Transport, TransportMessage, TransportSubscription } from './transport.js';

export interface SubscriberOptions {
  codec: EventCodec;
  transport: Transport;
  /** The durable consumer group, e.g. `'billing'`. Ideally the group declared to the registry. */
  group: string;
  /** Where unreadable events go. Default `dlq.<subject>`. */
  deadLetter?: (subject: string) => string;
  /** Delay before redelivering after a handler failure or registry outage. Default 1,000 ms. */
  retryDelayMs?: number;
}

export type EventHandler<T> = (event: Envelope<T>, delivery: Omit<DecodeSuccess<T>, 'ok' | 'event'> & { redelivered: boolean }) => unknown;

/**
 * Receives events in the version this consumer reads. Each message is decoded (validated, migrated,
 * validated again) and handed to the handler; it is acknowledged only after the handler resolves.
 * A handler that throws or a registry outage → nak and redelivery. An event that is invalid, has no
 * migration path or names an unknown schema → the dead-letter subject with its reason, then ack.
 *
 * @example
 *   const subscriber = new Subscriber({ codec, transport, group: 'billing' });
 *   await subscriber.subscribe('order.OrderPlaced', { accept: '^2.0.0' }, async (event) => bill(event.data));
 */
export class Subscriber {
  private readonly options: SubscriberOptions;

  constructor(options: SubscriberOptions) {
    this.options = options;
  }

  subscribe<T>(subject: string, reads: { accept?: string }, handler: EventHandler<T>): Promise<TransportSubscription> {
    const { transport, group } = this.options;
    return transport.subscribe(subject, group, (message) => this.handle(subject, reads.accept, message, handler));
  }

  private async handle<T>(subject: string, accept: string | undefined, message: TransportMessage, handler: EventHandler<T>): Promise<void> {
    const { codec, transport, group } = this.options;
    const retryDelay = this.options.retryDelayMs ?? 1_000;
    let result;
    try {
      result = await codec.decode<T>(message, { accept, subject });
    } catch {
      // Only infrastructure failures throw (registry unreachable): the event may well be fine later.
      message.nak(retryDelay);
      return;
    }
    if (!result.ok) {
      const target = (this.options.deadLetter ?? deadLetterSubject)(subject);
      try {
        await transport.publish(target, deadLetter(message, result, group));
        message.ack();
      } catch {
        message.nak(retryDelay);
      }
      return;
    }
    try {
      await handler(result.event, { writer: result.writer, reader: result.reader, redelivered: message.redelivered });
      message.ack();
    } catch {
      message.nak(retryDelay);
    }
  }
}
