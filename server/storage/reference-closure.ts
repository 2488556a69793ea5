import type { SqlExecutor } from './sql-driver.js';

/*
 * The subjects a schema reaches through its references, references of references included: what
 * `$ref` can pull into a validation, a compatibility check or an upcast. One recursive query; its
 * UNION drops (subject, version) pairs already seen, so reference cycles end. A `version` of -1
 * means the subject's latest live version.
 */
const walk = (start: string) => `
  WITH RECURSIVE reached(subject, version) AS (
    ${start}
    UNION
    SELECT next.subject, next.version
      FROM reached
      JOIN charter_versions v ON v.subject = reached.subject AND NOT v.deleted
       AND v.version = CASE WHEN reached.version = -1
                            THEN (SELECT max(l.version) FROM charter_versions l WHERE l.subject = reached.subject AND NOT l.deleted)
                            ELSE reached.version END
      JOIN charter_schemas s ON s.id = v.schema_id
      CROSS JOIN LATERAL jsonb_to_recordset(s.refs) AS next(subject text, version integer)
  )
  SELECT DISTINCT subject FROM reached`;

/** Subjects reached from references given in a request body (register, lookup, compatibility). */
export async function subjectsReachedFrom(db: SqlExecutor, references: ReadonlyArray<{ subject: string; version: number }>): Promise<string[]> {
  if (references.length === 0) return [];
  const { rows } = await db.query<{ subject: string }>(
    walk(`SELECT r.subject, r.version FROM jsonb_to_recordset($1::jsonb) AS r(subject text, version integer)`),
    [JSON.stringify(references)],
  );
  return rows.map((row) => row.subject);
}

/** Subjects reached from the references of any version of `subject` (validate, upcast, compare). */
export async function subjectsReachedBy(db: SqlExecutor, subject: string): Promise<string[]> {
  const { rows } = await db.query<{ subject: string }>(
    walk(`SELECT r.subject, r.version
            FROM charter_versions v JOIN charter_schemas s ON s.id = v.schema_id
            CROSS JOIN LATERAL jsonb_to_recordset(s.refs) AS r(subject text, version integer)
           WHERE v.subject = $1`),
    [subject],
  );
  return rows.map((row) => row.subject);
}
