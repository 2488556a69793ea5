/**
 * The database the outbox and inbox need: the shape of Charter's own PostgreSQL and PGlite drivers
 * (`openEventDatabase`, `openPostgresDriver`, `openPgliteDriver`), so any of them can be passed.
 */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
}

export interface SqlDatabase extends SqlExecutor {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  exec(sql: string): Promise<void>;
  /** Subscribes to NOTIFY on a channel; returns an unsubscribe function. */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}
