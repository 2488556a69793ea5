import { isEnvelope, type Envelope } from './envelope.js';
import { fromBinaryCloudEvent, fromCloudEvent, isBinaryCloudEvent, isCloudEvent, type CloudEvent } from './formats/cloud-event.js';
import { fromConfluentWire, isConfluentWire } from './formats/confluent-wire.js';
import { fromUtf8, type WireMessage } from './formats/wire-message.js';

/** Anything `decode` reads: an envelope, a CloudEvent, bytes in any format, or a transport message. */
export type DecodeInput = Envelope | CloudEvent | WireMessage | Uint8Array | string;

/** What the input says about its writer, and its data. Either `semver` or only `id` is known. */
export interface ReadInput {
  subject?: string;
  semver?: string;
  id?: number;
  data: unknown;
  envelope?: Envelope;
}

/**
 * Sniffs the format: a leading zero byte is Confluent framing; `ce-specversion` headers are binary
 * CloudEvents; JSON with `specversion` is a structured CloudEvent; anything else an envelope.
 * Throws (a SyntaxError or TypeError) on input that is none of these.
 */
export function readInput(input: DecodeInput): ReadInput {
  if (typeof input === 'string') return readJson(JSON.parse(input));
  if (input instanceof Uint8Array) return readBytes(input, NO_HEADERS);
  if (isWireMessage(input)) return readBytes(input.body, input.headers);
  return readJson(input);
}

const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

function isWireMessage(value: unknown): value is WireMessage {
  const v = value as WireMessage;
  return v.body instanceof Uint8Array && typeof v.headers === 'object' && v.headers !== null;
}

function readBytes(body: Uint8Array, headers: Record<string, string>): ReadInput {
  if (headers !== NO_HEADERS && isBinaryCloudEvent({ body, headers })) return readJson(fromBinaryCloudEvent({ body, headers }));
  if (isConfluentWire(body)) {
    const { id, data } = fromConfluentWire(body);
    const carried = headers['charter-envelope'];
    if (carried === undefined) return { id, data };
    const envelope = { ...(JSON.parse(carried) as Omit<Envelope, 'data'>), data };
    // The frame's id is authoritative: the header is advisory and may be stale after re-framing.
    return { id, subject: envelope.schema.subject, data, envelope };
  }
  return readJson(JSON.parse(fromUtf8.decode(body)));
}

function readJson(value: unknown): ReadInput {
  const envelope = isCloudEvent(value) ? fromCloudEvent(value) : value;
  if (!isEnvelope(envelope)) throw new TypeError('input is neither an event envelope, a CloudEvent nor Confluent-framed bytes');
  const { subject, version, id } = envelope.schema;
  return { subject, semver: version || undefined, id: Number.isFinite(id) ? id : undefined, data: envelope.data, envelope };
}
