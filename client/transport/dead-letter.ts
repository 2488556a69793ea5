import type { DecodeFailure } from '../codec/decode-result.js';
import type { WireMessage } from '../codec/formats/wire-message.js';

/** Header names a dead-lettered message carries, so operators can see why without decoding it. */
export const deadLetterHeaders = {
  reason: 'charter-dlq-reason',
  message: 'charter-dlq-message',
  errors: 'charter-dlq-errors',
  group: 'charter-dlq-group',
  subject: 'charter-dlq-subject',
} as const;

/** `order.OrderPlaced` → `dlq.order.OrderPlaced`. */
export function deadLetterSubject(subject: string): string {
  return `dlq.${subject}`;
}

/**
 * The original bytes and headers, untouched so the event can be replayed, plus why it failed.
 *
 * @example
 *   deadLetter(message, { ok: false, reason: 'invalid', message: '…' }, 'billing').headers['charter-dlq-reason'] // 'invalid'
 */
export function deadLetter(original: WireMessage & { subject?: string }, failure: DecodeFailure, group: string): WireMessage {
  const headers: Record<string, string> = {
    ...original.headers,
    [deadLetterHeaders.reason]: failure.reason,
    // Header values must be single-line on NATS and Kafka.
    [deadLetterHeaders.message]: failure.message.replace(/[\r\n]+/g, ' ').slice(0, 1_000),
    [deadLetterHeaders.group]: group,
  };
  if (original.subject !== undefined) headers[deadLetterHeaders.subject] = original.subject;
  if (failure.errors !== undefined) headers[deadLetterHeaders.errors] = JSON.stringify(failure.errors).slice(0, 4_000);
  return { body: original.body, headers };
}
