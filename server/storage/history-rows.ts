import type { SqlExecutor } from './sql-driver.js';

/** One version in a subject's timeline: no schema text, but who registered it and when. */
export interface HistoryRow {
  version: number;
  semver: string;
  id: number;
  createdAt: string;
  deleted: boolean;
  /** The principal of the registration's audit row (absent for rows older than the audit log). */
  author?: string;
  /** Example events sent with the registration. */
  examples: number;
  /** Migration rules the version carries. */
  rules: number;
}

/**
 * Every version of a subject, soft-deleted ones included, oldest first. The author is the newest
 * `schema.register` / `schema.import` audit row naming that version number (a number can be reused
 * after a hard delete; the newest row is the one that wrote the version that exists now).
 */
export async function subjectHistory(db: SqlExecutor, subject: string): Promise<HistoryRow[]> {
  const { rows } = await db.query<{
    version: number;
    semver: string;
    schema_id: number;
    created_at: Date | string;
    deleted: boolean;
    author: string | null;
    examples: number;
    rules: number;
  }>(
    `SELECT v.version, v.semver, v.schema_id, v.created_at, v.deleted,
            coalesce(jsonb_array_length(v.examples), 0)::int AS examples,
            coalesce(jsonb_array_length(v.rule_set->'migrationRules'), 0)::int AS rules,
            (SELECT a.principal FROM charter_audit a
              WHERE a.subject = v.subject AND a.action IN ('schema.register', 'schema.import')
                AND a.detail->>'version' = v.version::text
              ORDER BY a.id DESC LIMIT 1) AS author
     FROM charter_versions v WHERE v.subject = $1 ORDER BY v.version`,
    [subject],
  );
  return rows.map((row) => ({
    version: row.version,
    semver: row.semver,
    id: row.schema_id,
    createdAt: new Date(row.created_at).toISOString(),
    deleted: row.deleted,
    ...(row.author !== null ? { author: row.author } : {}),
    examples: row.examples,
    rules: row.rules,
  }));
}
