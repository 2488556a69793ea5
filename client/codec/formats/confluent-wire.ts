import type { Envelope } from '../envelope.js';
import { fromUtf8, type Format } from './wire-message.js';

/*
 * Confluent's framings. V0: magic byte 0, schema id as 4 bytes big-endian, then the payload. V1:
 * magic byte 1 and the schema's 16-byte GUID, either in front of the payload or, with Confluent's
 * header-based serde, as the value of the `__value_schema_id` (or `__key_schema_id`) header while
 * the body is the bare payload.
 */
const MAGIC_ID = 0;
const MAGIC_GUID = 1;
const ID_PREFIX = 5;
const GUID_PREFIX = 17;

/** Kafka header names of Confluent's header-based serde. */
export const VALUE_SCHEMA_ID_HEADER = '__value_schema_id';
export const KEY_SCHEMA_ID_HEADER = '__key_schema_id';

/** Frames `data` as Confluent does, so `@confluentinc/schemaregistry`'s JsonDeserializer reads it. */
export function toConfluentWire(id: number, data: unknown): Uint8Array {
  const json = JSON.stringify(data);
  const bytes = Buffer.allocUnsafe(ID_PREFIX + Buffer.byteLength(json));
  bytes[0] = MAGIC_ID;
  bytes.writeUInt32BE(id, 1);
  bytes.write(json, ID_PREFIX, 'utf8');
  return bytes;
}

/** Frames `data` behind magic byte 1 and the schema GUID (Confluent's V1 prefix framing). */
export function toConfluentGuidWire(guid: string, data: unknown): Uint8Array {
  const json = JSON.stringify(data);
  const bytes = Buffer.allocUnsafe(GUID_PREFIX + Buffer.byteLength(json));
  bytes.set(schemaIdHeader(guid), 0);
  bytes.write(json, GUID_PREFIX, 'utf8');
  return bytes;
}

/** The 17-byte value of Confluent's schema-id header for a GUID: magic byte 1, then the GUID. */
export function schemaIdHeader(guid: string): Uint8Array {
  const hex = guid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError(`not a GUID: ${guid}`);
  const bytes = Buffer.alloc(GUID_PREFIX);
  bytes[0] = MAGIC_GUID;
  bytes.write(hex, 1, 'hex');
  return bytes;
}

/** The GUID in a schema-id header value; undefined when it is not one. */
export function guidOfSchemaIdHeader(value: Uint8Array): string | undefined {
  if (value.length < GUID_PREFIX || value[0] !== MAGIC_GUID) return undefined;
  return formatGuid(Buffer.from(value.buffer, value.byteOffset + 1, 16).toString('hex'));
}

export function isConfluentWire(bytes: Uint8Array): boolean {
  return (bytes.length >= ID_PREFIX && bytes[0] === MAGIC_ID) || (bytes.length >= GUID_PREFIX && bytes[0] === MAGIC_GUID);
}

/** The schema id (V0) or GUID (V1) and the parsed payload of a Confluent-framed message. */
export function fromConfluentWire(bytes: Uint8Array): { id?: number; guid?: string; data: unknown } {
  if (bytes[0] === MAGIC_GUID) {
    return { guid: guidOfSchemaIdHeader(bytes), data: JSON.parse(fromUtf8.decode(bytes.subarray(GUID_PREFIX))) };
  }
  const id = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1, false);
  return { id, data: JSON.parse(fromUtf8.decode(bytes.subarray(ID_PREFIX))) };
}

function formatGuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Kafka interop: only `data` travels in the body (Confluent consumers expect exactly that); the
 * envelope's other fields ride along as headers so Charter consumers can rebuild it.
 */
export const confluentWire: Format = {
  name: 'confluent',
  write(envelope: Envelope) {
    const { data, ...rest } = envelope;
    const { subject, version, id } = envelope.schema;
    // The frame is nothing without the id: refuse here rather than write a frame nobody can read.
    if (id === undefined) throw new TypeError(`${subject}@${version}: the envelope carries no schema id, which Confluent framing needs; encode it with the codec or give create() a schemaId`);
    return { body: toConfluentWire(id, data), headers: { 'charter-envelope': JSON.stringify(rest) } };
  },
};
