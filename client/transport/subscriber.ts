import type { EventCodec } from '../codec/event-codec.js';
import type { Envelope, SchemaRef } from '../codec/envelope.js';
import type { AcceptedEvent, IfUntyped, SubjectOf, Untyped } from '../codec/event-map.js';
import { deadLetter, deadLetterSubject } from './dead-letter.js';
import type { Transport, TransportMessage, TransportSubscription } from './transport.js';

export interface SubscriberOptions {
  /** Any codec, typed or not: a typed subscriber checks its callers itself. */
  // `any`: a codec typed by some map is not an `EventCodec<object>` (the map is checked both ways).
  codec: EventCodec<any>;
  transport: Transport;
  /** The durable consumer group, e.g. `'billing'`. Ideally the group declared to the registry. */
  group: string;
  /** Where unreadable events go. Default `dlq.<subject>`. */
  deadLetter?: (subject: string) => string;
  /** Delay before redelivering after a handler failure or registry outage. Default 1,000 ms. */
  retryDelayMs?: number;
}

/** How an event arrived: the version written, the version its data now has, and whether it came before. */
export interface Delivery {
  writer: SchemaRef;
  reader: SchemaRef;
  redelivered: boolean;
}

/** `E` is the envelope handed over: `Envelope<T>` untyped, the accepted generated envelopes when typed. */
export type EventHandler<T, E = Envelope<T>> = (event: E, delivery: Delivery) => unknown;

/** A typed subscription's handler, or, when no version of the map satisfies the range, a message saying so. */
export type AcceptedHandler<M, S extends SubjectOf<M>, R extends string | undefined> = [AcceptedEvent<M, S, R>] extends [never]
  ? `no version of ${S} in the event map satisfies ${R & string}`
  : EventHandler<unknown, AcceptedEvent<M, S, R>>;

/**
 * Receives events in the version this consumer reads. Each message is decoded (validated, migrated,
 * validated again) and handed to the handler; it is acknowledged only after the handler resolves.
 * A handler that throws or a registry outage → nak and redelivery. An event that is invalid, has no
 * migration path or names an unknown schema → the dead-letter subject with its reason, then ack.
 *
 * Typed by a generated event map (`new Subscriber<EventMap>(…)`), the handler receives the union of
 * the versions `accept` admits; a subject or range the map does not have fails to compile.
 *
 * @example
 *   const subscriber = new Subscriber<EventMap>({ codec, transport, group: 'billing' });
 *   await subscriber.subscribe('order.OrderPlaced', { accept: '^2.0.0' }, async (event) => bill(event.data));
 */
export class Subscriber<M extends object = Untyped> {
  private readonly options: SubscriberOptions;

  constructor(options: SubscriberOptions) {
    this.options = options;
  }

  subscribe<T>(subject: IfUntyped<M, string>, reads: { accept?: string }, handler: EventHandler<T>): Promise<TransportSubscription>;
  /** Typed: `accept: '^1.0.0'` hands the handler the 1.x envelopes of the map (after migration). */
  subscribe<S extends SubjectOf<M>, const R extends string | undefined = undefined>(subject: S, reads: { accept?: R }, handler: AcceptedHandler<M, S, R>): Promise<TransportSubscription>;
  subscribe(subject: string, reads: { accept?: string | undefined }, handler: EventHandler<never, never> | string): Promise<TransportSubscription> {
    const { transport, group } = this.options;
    // A string handler is the compile-time error message of an unsatisfiable typed range.
    if (typeof handler !== 'function') return Promise.reject(new TypeError(handler));
    // The overloads matched the handler to what `decode` returns for this subject and range.
    const handle = handler as EventHandler<unknown>;
    return transport.subscribe(subject, group, (message) => this.handle(subject, reads.accept, message, handle));
  }

  private async handle(subject: string, accept: string | undefined, message: TransportMessage, handler: EventHandler<unknown>): Promise<void> {
    const { codec, transport, group } = this.options;
    const retryDelay = this.options.retryDelayMs ?? 1_000;
    let result;
    try {
      result = await codec.decode(message, accept === undefined ? { subject } : { accept, subject });
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
