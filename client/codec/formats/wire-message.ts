import type { Envelope } from '../envelope.js';

/** Bytes plus headers: what a transport carries (Kafka record, NATS message, HTTP request). */
export interface WireMessage {
  body: Uint8Array;
  headers: Record<string, string>;
}

export interface FormatContext {
  /** Registry base URL, for CloudEvents' `dataschema`. */
  registryUrl: string;
}

/**
 * A way of putting an envelope on the wire. Formats are named data so transports and tests can
 * iterate over them; reading is by sniffing (see `readInput`), so a consumer needs no format flag.
 */
export interface Format {
  readonly name: 'json' | 'confluent' | 'cloudevents-structured' | 'cloudevents-binary';
  write(envelope: Envelope, context: FormatContext): WireMessage;
}

/** UTF-8 bytes of a string. Node's pooled `Buffer.from` is about twice as fast as TextEncoder here. */
export function toBytes(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

export const fromUtf8 = new TextDecoder();
