import type { WireMessage } from '../codec/formats/wire-message.js';

/** One delivery of a message. Nothing is acknowledged for you: call `ack` once it is handled. */
export interface TransportMessage extends WireMessage {
  subject: string;
  /** True when this message was delivered before and not acknowledged. */
  redelivered: boolean;
  /** 1 on first delivery. */
  deliveryCount: number;
  ack(): void;
  /** Asks for redelivery, after `delayMs` if given. */
  nak(delayMs?: number): void;
}

export type MessageHandler = (message: TransportMessage) => Promise<void>;

export interface TransportSubscription {
  /** Stops receiving. Unacknowledged messages go back to the group for redelivery. */
  close(): Promise<void>;
}

export interface PublishOptions {
  /**
   * De-duplication id (JetStream `Nats-Msg-Id`). A second publish with the same id inside the
   * broker's duplicate window is accepted but stored once, so a publisher may retry after any
   * failure without delivering twice. The `Publisher` passes the envelope's `eventId`.
   */
  messageId?: string;
}

/** What went wrong inside a transport, outside any handler: reported, never swallowed. */
export interface TransportErrorContext {
  subject: string;
  group: string;
  /** What the transport does next, e.g. `'resubscribing in 500 ms'`. */
  action: string;
}

export type TransportErrorHandler = (error: unknown, context: TransportErrorContext) => void;

/**
 * A durable, at-least-once message bus. `group` names a durable consumer: subscribers sharing it
 * share one position and load-balance; a message is redelivered until some subscriber acks it.
 * Handlers run one message at a time per subscription, preserving order.
 */
export interface Transport {
  publish(subject: string, message: WireMessage, options?: PublishOptions): Promise<void>;
  subscribe(subject: string, group: string, handler: MessageHandler): Promise<TransportSubscription>;
  /** Closes the connection without acknowledging anything in flight (what a crash looks like). */
  close(): Promise<void>;
}
