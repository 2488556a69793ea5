import type { EventCodec } from '../codec/event-codec.js';
import type { Envelope, SchemaRef } from '../codec/envelope.js';
import type { AcceptedEvent, IfUntyped, SubjectOf, Untyped } from '../codec/event-map.js';
import { deadLetter, deadLetterSubject, describeError, type DeadLetterCause } from './dead-letter.js';
import type { Transport, TransportMessage, TransportSubscription } from './transport.js';

/** What the subscriber does about a failure it reports to `onError`. */
export type SubscriberAction = 'retry' | 'dead-letter';

export interface SubscriberErrorContext {
  subject: string;
  group: string;
  /** 1 on first delivery. */
  deliveryCount: number;
  /** `retry`: nak-ed for redelivery; `dead-letter`: sent to the dead-letter subject and acked. */
  action: SubscriberAction;
  /** Why, in the dead-letter vocabulary (`handler-failed`, `decode-error`, `invalid`, …). */
  reason: string;
}

export interface SubscriberOptions {
  /** Any codec, typed or not: a typed subscriber checks its callers itself. */
  // `any`: a codec typed by some map is not an `EventCodec<object>` (the map is checked both ways).
  codec: EventCodec<any>;
  transport: Transport;
  /** The durable consumer group, e.g. `'billing'`. Ideally the group declared to the registry. */
  group: string;
  /** Where unreadable events go. Default `dlq.<subject>`. */
  deadLetter?: (subject: string) => string;
  /**
   * Delay before the first redelivery after a handler failure or registry outage; it doubles with
   * each further delivery, up to 60 s. Default 1,000 ms.
   */
  retryDelayMs?: number;
  /**
   * Deliveries after which a message whose handler (or decode) still throws goes to the dead-letter
   * subject with its cause, instead of being redelivered forever. Default 10. `Infinity` disables it.
   */
  maxDeliveries?: number;
  /** Told about every failure, with what happens next. Default: nothing (the dead letter carries the cause). */
  onError?: (error: unknown, context: SubscriberErrorContext) => void;
}

/** How an event arrived: the version written, the version its data now has, and whether it came before. */
export interface Delivery {
  writer: SchemaRef;
  reader: SchemaRef;
  redelivered: boolean;
  /** 1 on first delivery. */
  deliveryCount: number;
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
 *
 * - An event that is invalid, has no migration path or names an unknown schema → the dead-letter
 *   subject with its reason, then ack (redelivering it cannot help).
 * - A handler that throws, or a decode that throws (registry outage) → `onError`, nak and
 *   redelivery with a growing delay; on the `maxDeliveries`-th failure → dead letter with the
 *   cause (`handler-failed` / `decode-error`) and the delivery count, then ack.
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

  /** Untyped: `T` is what you declare the data to be; `accept` is the semver range this consumer reads. */
  subscribe<T>(subject: IfUntyped<M, string>, reads: { accept?: string | undefined }, handler: EventHandler<T>): Promise<TransportSubscription>;
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
    const { codec } = this.options;
    let result;
    try {
      result = await codec.decode(message, accept === undefined ? { subject } : { accept, subject });
    } catch (error) {
      // Usually infrastructure (registry unreachable): the event may well be fine later.
      await this.failed(subject, message, error, 'decode-error');
      return;
    }
    if (!result.ok) {
      const { reason, message: text, errors } = result;
      await this.sendToDeadLetter(subject, message, { reason, message: text, errors }, undefined);
      return;
    }
    try {
      await handler(result.event, { writer: result.writer, reader: result.reader, redelivered: message.redelivered, deliveryCount: message.deliveryCount });
    } catch (error) {
      await this.failed(subject, message, error, 'handler-failed');
      return;
    }
    message.ack();
  }

  /** A retryable failure: redeliver later, or dead-letter once the deliveries are used up. */
  private async failed(subject: string, message: TransportMessage, error: unknown, reason: string): Promise<void> {
    const max = this.options.maxDeliveries ?? 10;
    if (message.deliveryCount >= max) {
      await this.sendToDeadLetter(subject, message, { reason, message: describeError(error), deliveries: message.deliveryCount }, error);
      return;
    }
    this.report(error, subject, message, 'retry', reason);
    message.nak(this.retryDelay(message.deliveryCount));
  }

  private async sendToDeadLetter(subject: string, message: TransportMessage, cause: DeadLetterCause, error: unknown): Promise<void> {
    const { transport, group } = this.options;
    const target = (this.options.deadLetter ?? deadLetterSubject)(subject);
    try {
      await transport.publish(target, deadLetter(message, cause, group));
    } catch (publishError) {
      // The dead letter is not stored: keep the original (redelivered) rather than lose it.
      this.report(publishError, subject, message, 'retry', 'dead-letter-publish-failed');
      message.nak(this.retryDelay(message.deliveryCount));
      return;
    }
    this.report(error ?? new Error(`${cause.reason}: ${cause.message}`), subject, message, 'dead-letter', cause.reason);
    message.ack();
  }

  private retryDelay(deliveryCount: number): number {
    const base = this.options.retryDelayMs ?? 1_000;
    return Math.min(base * 2 ** Math.max(0, deliveryCount - 1), 60_000);
  }

  private report(error: unknown, subject: string, message: TransportMessage, action: SubscriberAction, reason: string): void {
    const onError = this.options.onError;
    if (onError === undefined) return;
    try {
      onError(error, { subject, group: this.options.group, deliveryCount: message.deliveryCount, action, reason });
    } catch {
      // A failing error hook must not change what happens to the message.
    }
  }
}
