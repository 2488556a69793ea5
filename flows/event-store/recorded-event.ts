import type { Envelope } from '../../client/index.js';

/** An event as the store holds it: the writer's envelope plus where it sits in its stream and in the log. */
export interface RecordedEvent extends Envelope {
  streamId: string;
  /** 1 for the first event of a stream; also the envelope's `version`. */
  streamVersion: number;
  /** Position in the log of all streams, allocated at insert (so not always in commit order). */
  globalPosition: number;
  /** The writing transaction's id: with `globalPosition`, the event's place in the log (`LogPosition`). */
  transactionId: number;
}

export interface EventRow {
  global_position: string | number;
  transaction_id: string | number;
  stream_id: string;
  aggregate_id: string | null;
  stream_version: number;
  event_id: string;
  event_type: string;
  aggregate_type: string | null;
  subject: string;
  semver: string;
  schema_id: number;
  payload: unknown;
  metadata: Envelope['metadata'];
  occurred_at: Date | string;
}

// Hazard: ORDER BY global_position would sort this text alias, not the column (10 before 9); qualify it.
export const eventColumns =
  'global_position::text AS global_position, transaction_id::text AS transaction_id, stream_id, aggregate_id, stream_version, event_id, event_type, aggregate_type, subject, semver, schema_id, payload, metadata, occurred_at';

/** A row back into the envelope its writer encoded, ready for `codec.decode`. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  const envelope: RecordedEvent = {
    eventType: row.event_type,
    eventId: row.event_id,
    timestamp: new Date(row.occurred_at).toISOString(),
    // Stores made before aggregate_id existed fall back to the stream id.
    aggregateId: row.aggregate_id ?? row.stream_id,
    version: row.stream_version,
    schema: { subject: row.subject, version: row.semver, id: row.schema_id },
    data: row.payload,
    metadata: row.metadata,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: Number(row.global_position),
    transactionId: Number(row.transaction_id),
  };
  if (row.aggregate_type !== null) envelope.aggregateType = row.aggregate_type;
  return envelope;
}
