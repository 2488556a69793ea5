import type { EncodedEvent, EncodeOptions, EventCodec, TypedEncodeOptions, WriterEvent } from '../codec/event-codec.js';
import type { Envelope } from '../codec/envelope.js';
import type { AnyEventOf, DataOf, IfUntyped, SubjectOf, Untyped } from '../codec/event-map.js';
import { jsonEnvelope } from '../codec/formats/json-envelope.js';
import type { Format } from '../codec/formats/wire-message.js';
import type { Transport } from './transport.js';

export interface PublisherOptions {
  /** Any codec, typed or not: a typed publisher checks its callers itself. */
  // `any`: a codec typed by some map is not an `EventCodec<object>` (the map is checked both ways).
  codec: EventCodec<any>;
  transport: Transport;
  /** Wire format. Default `jsonEnvelope`; `confluentWire` for Kafka interop, or a CloudEvents mode. */
  format?: Format;
}

/**
 * Validates, envelopes, serialises and publishes events. The topic is the subject name. Typed by a
 * generated event map (`new Publisher<EventMap>(…)`), a subject, version or data the map does not
 * have fails to compile.
 *
 * @example
 *   const publisher = new Publisher<EventMap>({ codec, transport });
 *   await publisher.publish('order.OrderPlaced', order, { aggregateId: order.orderId, negotiate: true });
 */
export class Publisher<M extends object = Untyped> {
  private readonly codec: EventCodec<any>;
  private readonly transport: Transport;
  private readonly format: Format;

  constructor(options: PublisherOptions) {
    this.codec = options.codec;
    this.transport = options.transport;
    this.format = options.format ?? jsonEnvelope;
  }

  /** Encodes (throws `InvalidEventError` on invalid data) and publishes; returns the envelope sent. */
  publish<T>(subject: IfUntyped<M, string>, data: T, options?: EncodeOptions): Promise<Envelope<T>>;
  /** Typed: `data` must be the subject's latest version (or `options.version`'s). */
  publish<S extends SubjectOf<M>, const O extends TypedEncodeOptions<M, S> = {}>(subject: S, data: DataOf<WriterEvent<M, S, O>>, options?: O): Promise<EncodedEvent<M, S, O>>;
  // The overloads type the caller's side; `unknown` here lets both share one body.
  async publish(subject: string, data: unknown, options?: EncodeOptions): Promise<unknown> {
    const envelope = await this.codec.encode(subject, data, options);
    await this.send(envelope);
    return envelope;
  }

  /**
   * Publishes an envelope already encoded (for instance one read from an outbox, or made by a
   * generated `create()`). Its `eventId` is the broker's de-duplication id, so publishing the same
   * envelope again (a retry after a timeout, a relay restarted mid-batch) delivers it once.
   */
  publishEnvelope(envelope: Untyped extends M ? Envelope : AnyEventOf<M> & Envelope): Promise<void> {
    return this.send(envelope);
  }

  private async send(envelope: Envelope): Promise<void> {
    await this.transport.publish(envelope.schema.subject, this.codec.serialize(envelope, this.format), { messageId: envelope.eventId });
  }
}
