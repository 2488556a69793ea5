import type { EncodeOptions, EventCodec } from '../codec/event-codec.js';
import type { Envelope } from '../codec/envelope.js';
import { jsonEnvelope } from '../codec/formats/json-envelope.js';
import type { Format } from '../codec/formats/wire-message.js';
import type { Transport } from './transport.js';

export interface PublisherOptions {
  codec: EventCodec;
  transport: Transport;
  /** Wire format. Default `jsonEnvelope`; `confluentWire` for Kafka interop, or a CloudEvents mode. */
  format?: Format;
}

/**
 * Validates, envelopes, serialises and publishes events. The topic is the subject name.
 *
 * @example
 *   const publisher = new Publisher({ codec, transport });
 *   await publisher.publish('order.OrderPlaced', order, { aggregateId: order.orderId, negotiate: true });
 */
export class Publisher {
  private readonly codec: EventCodec;
  private readonly transport: Transport;
  private readonly format: Format;

  constructor(options: PublisherOptions) {
    this.codec = options.codec;
    this.transport = options.transport;
    this.format = options.format ?? jsonEnvelope;
  }

  /** Encodes (throws `InvalidEventError` on invalid data) and publishes; returns the envelope sent. */
  async publish<T>(subject: string, data: T, options?: EncodeOptions): Promise<Envelope<T>> {
    const envelope = await this.codec.encode(subject, data, options);
    await this.publishEnvelope(envelope);
    return envelope;
  }

  /**
   * Publishes an envelope already encoded (for instance one read from an outbox). Its `eventId` is
   * the broker's de-duplication id, so publishing the same envelope again (a retry after a timeout,
   * a relay restarted mid-batch) delivers it once.
   */
  async publishEnvelope(envelope: Envelope): Promise<void> {
    await this.transport.publish(envelope.schema.subject, this.codec.serialize(envelope, this.format), { messageId: envelope.eventId });
  }
}
