/**
 * Another writer appended to the stream since it was read. Expected under contention: reload the
 * aggregate, decide again, and retry. `cause` keeps the database error (SQLSTATE 23505 and the
 * constraint name) when the unique constraint is what caught the race.
 */
export class ConcurrencyError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
    options?: { cause?: unknown },
  ) {
    const actual = actualVersion === undefined ? 'another writer got there first' : `it is at ${actualVersion}`;
    super(`stream ${streamId} was expected at version ${expectedVersion}, but ${actual}`, options);
    this.name = 'ConcurrencyError';
  }
}

/**
 * An event id the store already holds, appended again as part of a different append (another
 * stream, another position or other events alongside). A plain retry of a committed append is not
 * this error: it returns the original result.
 */
export class DuplicateEventError extends Error {
  readonly code = 'DUPLICATE_EVENT';

  constructor(
    readonly streamId: string,
    readonly eventIds: string[],
    options?: { cause?: unknown },
  ) {
    super(`event ${eventIds.join(', ')} is already stored; appending it to ${streamId} again is not a retry of the same append`, options);
    this.name = 'DuplicateEventError';
  }
}

const violates = (error: unknown, constraint: string): boolean => {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (e === null || typeof e !== 'object' || e.code !== '23505') return false;
  // PGlite does not always fill `constraint`; fall back to the constraint name in the message.
  return e.constraint === constraint || String(e.message).includes(constraint);
};

/** True for PostgreSQL's unique_violation on the (stream_id, stream_version) constraint. */
export const isStreamVersionConflict = (error: unknown): boolean => violates(error, 'flow_events_stream_version_key');

/** True for PostgreSQL's unique_violation on event_id. */
export const isDuplicateEventId = (error: unknown): boolean => violates(error, 'flow_events_event_id_key');
