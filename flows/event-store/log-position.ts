/**
 * A place in the global log. Events are ordered by the id of the transaction that wrote them, then
 * by their position: an order in which nothing can appear behind a reader, because the log is only
 * read below the oldest transaction still running.
 */
export interface LogPosition {
  transactionId: number;
  position: number;
}

/** Before the first event. */
export const logStart: LogPosition = { transactionId: 0, position: 0 };
