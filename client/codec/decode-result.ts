import type { ErrorObject } from 'ajv';
import type { Envelope, SchemaRef } from './envelope.js';

/** Why an event could not be read. Each is data a consumer routes (dead-letter), never a silent drop. */
export type DecodeFailureReason = 'invalid' | 'no-migration-path' | 'unknown-schema';

/** `E` is the envelope type: `Envelope<T>` untyped, a generated envelope (union) with an event map. */
export interface DecodeSuccess<T = unknown, E = Envelope<T>> {
  ok: true;
  /**
   * The event as the reader wants it: `data` migrated to the reader version and `schema` naming that
   * version. Bare Confluent-framed bytes carry no envelope; their `eventId` and `timestamp` are ''.
   */
  event: E;
  /** The version the producer wrote. */
  writer: SchemaRef;
  /** The version `event.data` now conforms to. */
  reader: SchemaRef;
}

export interface DecodeFailure {
  ok: false;
  reason: DecodeFailureReason;
  message: string;
  /** ajv errors for `invalid`. */
  errors?: ErrorObject[];
  /** The writer, when it was identified. */
  writer?: SchemaRef;
}

export type DecodeResult<T = unknown, E = Envelope<T>> = DecodeSuccess<T, E> | DecodeFailure;

export function failure(reason: DecodeFailureReason, message: string, extra: Partial<DecodeFailure> = {}): DecodeFailure {
  return { ok: false, reason, message, ...extra };
}
