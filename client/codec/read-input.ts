import { isEnvelope, type Envelope } from './envelope.js';
import { fromBinaryCloudEvent, fromCloudEvent, isBinaryCloudEvent, isCloudEvent, type CloudEvent } from './formats/cloud-event.js';
import { fromConfluentWire, guidOfSchemaIdHeader, isConfluentWire, KEY_SCHEMA_ID_HEADER, VALUE_SCHEMA_ID_HEADER } from './formats/confluent-wire.js';
import { fromUtf8, type WireMessage } from './formats/wire-message.js';

/** A Kafka record as clients hand it over: header values are bytes (Confluent's schema-id header). */
export interface KafkaRecord {
  body: Uint8Array;
  headers: Record<string, string | Uint8Array | undefined>;
}

/** Anything `decode` reads: an envelope, a CloudEvent, bytes in any format, or a transport message. */
export type DecodeInput = Envelope | CloudEvent | WireMessage | KafkaRecord | Uint8Array | string;

/** What the input says about its writer, and its data. Either `semver` or only `id` is known. */
export interface ReadInput {
  subject?: string;
  semver?: string;
  id?: number;
  /** The schema GUID of Confluent's V1 framing (prefix or schema-id header). */
  guid?: string;
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

function isWireMessage(value: unknown): value is KafkaRecord {
  const v = value as KafkaRecord;
  return v.body instanceof Uint8Array && typeof v.headers === 'object' && v.headers !== null;
}

function readBytes(body: Uint8Array, allHeaders: KafkaRecord['headers']): ReadInput {
  const schemaIdHeader = allHeaders[VALUE_SCHEMA_ID_HEADER] ?? allHeaders[KEY_SCHEMA_ID_HEADER];
  if (schemaIdHeader instanceof Uint8Array) {
    const guid = guidOfSchemaIdHeader(schemaIdHeader);
    if (guid === undefined) throw new TypeError('the schema-id header holds no GUID');
    return carriedEnvelope({ guid, data: JSON.parse(fromUtf8.decode(body)) }, allHeaders['charter-envelope']);
  }
  const headers = allHeaders as Record<string, string>;
  if (headers !== NO_HEADERS && isBinaryCloudEvent({ body, headers })) return readJson(fromBinaryCloudEvent({ body, headers }));
  if (isConfluentWire(body)) return carriedEnvelope(fromConfluentWire(body), headers['charter-envelope']);
  return readJson(JSON.parse(fromUtf8.decode(body)));
}

function readJson(value: unknown): ReadInput {
  const envelope = isCloudEvent(value) ? fromCloudEvent(value) : value;
  if (!isEnvelope(envelope)) throw new TypeError('input is neither an event envelope, a CloudEvent nor Confluent-framed bytes');
  const { subject, version, id } = envelope.schema;
  return { subject, semver: version || undefined, id: Number.isFinite(id) ? id : undefined, data: envelope.data, envelope };
}

/** A Confluent-framed read, with the envelope Charter's producers carry in a header when present. */
function carriedEnvelope(framed: { id?: number; guid?: string; data: unknown }, carried: string | Uint8Array | undefined): ReadInput {
  if (typeof carried !== 'string') return framed;
  const envelope = { ...(JSON.parse(carried) as Omit<Envelope, 'data'>), data: framed.data };
  // The frame's id is authoritative: the header is advisory and may be stale after re-framing.
  return { ...framed, subject: envelope.schema.subject, envelope };
}
