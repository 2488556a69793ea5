import type { ErrorObject } from 'ajv';
import type { Envelope, SchemaRef } from './envelope.js';

/**
 * Why an event could not be read. Each is data a consumer routes (dead-letter), never a silent drop.
 * - `no-migration-path`: no version satisfies the range, or no rule or compatibility joins the versions;
 * - `rule-timeout`: a migration rule ran past its time bound on this event;
 * - `rule-error`: a migration rule failed on this event (a JSONata error, a size or depth bound) or
 *   cannot run at all; `cause` holds the MigrationError (with `failure`, `rule`, `hop`) or RegistryError;
 * - `rule-failed`: a READ domain rule (CEL) failed; `rule` and `action` say which and what to do.
 */
export type DecodeFailureReason = 'invalid' | 'no-migration-path' | 'rule-timeout' | 'rule-error' | 'unknown-schema' | 'rule-failed';

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
  /** The error behind a migration failure, kept whole (its own `cause` is JSONata's error, if any). */
  cause?: unknown;
  /** For `rule-failed`: the READ domain rule that failed and its action (ERROR, or DLQ: dead-letter it). */
  rule?: string;
  action?: 'ERROR' | 'DLQ';
}

export type DecodeResult<T = unknown, E = Envelope<T>> = DecodeSuccess<T, E> | DecodeFailure;

export function failure(reason: DecodeFailureReason, message: string, extra: Partial<DecodeFailure> = {}): DecodeFailure {
  return { ok: false, reason, message, ...extra };
}
