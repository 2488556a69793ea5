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

/** True for PostgreSQL's unique_violation on the (stream_id, stream_version) constraint. */
export function isStreamVersionConflict(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (e === null || typeof e !== 'object' || e.code !== '23505') return false;
  // PGlite does not always fill `constraint`; fall back to the constraint name in the message.
  return e.constraint === 'flow_events_stream_version_key' || String(e.message).includes('flow_events_stream_version_key');
}
