import { causedBy, type Envelope, type EventMetadata } from '../../client/index.js';

/** Metadata for an event caused by `cause` (same correlation id), or a fresh conversation without one. */
export function metadataFrom(cause: Pick<Envelope, 'eventId' | 'metadata'> | undefined, source: string): Partial<EventMetadata> & { source: string } {
  return cause === undefined ? { source } : { ...causedBy(cause), source };
}
