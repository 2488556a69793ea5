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

/**
 * A durable, at-least-once message bus. `group` names a durable consumer: subscribers sharing it
 * share one position and load-balance; a message is redelivered until some subscriber acks it.
 * Handlers run one message at a time per subscription, preserving order.
 */
export interface Transport {
  publish(subject: string, message: WireMessage): Promise<void>;
  subscribe(subject: string, group: string, handler: MessageHandler): Promise<TransportSubscription>;
  /** Closes the connection without acknowledging anything in flight (what a crash looks like). */
  close(): Promise<void>;
}
