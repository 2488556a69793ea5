import type { Envelope } from '../envelope.js';
import { fromUtf8, type Format } from './wire-message.js';

/** Confluent's framing: magic byte 0, schema id as 4 bytes big-endian, then the payload. */
const MAGIC = 0;
const HEADER = 5;

/** Frames `data` as Confluent does, so `@confluentinc/schemaregistry`'s JsonDeserializer reads it. */
export function toConfluentWire(id: number, data: unknown): Uint8Array {
  const json = JSON.stringify(data);
  const bytes = Buffer.allocUnsafe(HEADER + Buffer.byteLength(json));
  bytes[0] = MAGIC;
  bytes.writeUInt32BE(id, 1);
  bytes.write(json, HEADER, 'utf8');
  return bytes;
}

export function isConfluentWire(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER && bytes[0] === MAGIC;
}

/** The schema id and parsed payload of a Confluent-framed message. */
export function fromConfluentWire(bytes: Uint8Array): { id: number; data: unknown } {
  const id = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1, false);
  return { id, data: JSON.parse(fromUtf8.decode(bytes.subarray(HEADER))) };
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
