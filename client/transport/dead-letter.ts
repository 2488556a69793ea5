import type { WireMessage } from '../codec/formats/wire-message.js';

/** Header names a dead-lettered message carries, so operators can see why without decoding it. */
export const deadLetterHeaders = {
  reason: 'charter-dlq-reason',
  message: 'charter-dlq-message',
  errors: 'charter-dlq-errors',
  group: 'charter-dlq-group',
  subject: 'charter-dlq-subject',
  deliveries: 'charter-dlq-deliveries',
} as const;

/**
 * Why a message was dead-lettered: a decode failure (`invalid`, `no-migration-path`,
 * `unknown-schema`, …) or `handler-failed` / `decode-error` once `maxDeliveries` ran out.
 */
export interface DeadLetterCause {
  reason: string;
  message: string;
  /** Validation errors, or anything structured about the cause. */
  errors?: unknown;
  /** How many times the message was delivered before giving up. */
  deliveries?: number;
}

/** `order.OrderPlaced` → `dlq.order.OrderPlaced`. */
export function deadLetterSubject(subject: string): string {
  return `dlq.${subject}`;
}

/** The text of an exception for a dead-letter header: message and, when present, its cause's. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause === undefined ? '' : ` (cause: ${describeError(error.cause)})`;
  return `${error.name}: ${error.message}${cause}`;
}

/**
 * The original bytes and headers, untouched so the event can be replayed, plus why it failed.
 *
 * @example
 *   deadLetter(message, { reason: 'invalid', message: '…' }, 'billing').headers['charter-dlq-reason'] // 'invalid'
 */
export function deadLetter(original: WireMessage & { subject?: string }, cause: DeadLetterCause, group: string): WireMessage {
  const headers: Record<string, string> = {
    ...original.headers,
    [deadLetterHeaders.reason]: cause.reason,
    // Header values must be single-line on NATS and Kafka.
    [deadLetterHeaders.message]: cause.message.replace(/[\r\n]+/g, ' ').slice(0, 1_000),
    [deadLetterHeaders.group]: group,
  };
  if (original.subject !== undefined) headers[deadLetterHeaders.subject] = original.subject;
  if (cause.errors !== undefined) headers[deadLetterHeaders.errors] = JSON.stringify(cause.errors).slice(0, 4_000);
  if (cause.deliveries !== undefined) headers[deadLetterHeaders.deliveries] = String(cause.deliveries);
  return { body: original.body, headers };
}
