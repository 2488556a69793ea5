import type { RuleSet } from '../../core/migrate/index.js';
import type { SchemaReference, StoredVersion, VersionMetadata } from '../registry/model.js';
import type { SqlExecutor } from './sql-driver.js';

interface VersionRow {
  subject: string;
  version: number;
  semver: string;
  schema_id: number;
  guid: string;
  schema_text: string;
  refs: SchemaReference[];
  metadata: VersionMetadata | null;
  rule_set: RuleSet | null;
  examples: unknown[] | null;
  deleted: boolean;
  created_at: Date | string;
}

const selectColumns = 'v.subject, v.version, v.semver, v.schema_id, s.guid, s.schema_text, s.refs, v.metadata, v.rule_set, v.examples, v.deleted, v.created_at';
const selectFrom = 'FROM charter_versions v JOIN charter_schemas s ON s.id = v.schema_id';
const selectVersion = `SELECT ${selectColumns} ${selectFrom}`;

const toVersion = (row: VersionRow): StoredVersion => ({
  subject: row.subject,
  version: row.version,
  semver: row.semver,
  id: row.schema_id,
  guid: row.guid,
  schemaType: 'JSON',
  schema: row.schema_text,
  references: row.refs ?? [],
  ...(row.metadata ? { metadata: row.metadata } : {}),
  ...(row.rule_set ? { ruleSet: row.rule_set } : {}),
  examples: row.examples ?? [],
  deleted: row.deleted,
  createdAt: new Date(row.created_at).toISOString(),
});

/** A version without its schema text and examples: what a compatibility check reads per version. */
export type VersionHead = Omit<StoredVersion, 'schema' | 'examples'>;

/**
 * Every live version of a subject, oldest first, without schema texts and examples: a check then
 * loads each schema through the schema cache (parsed once per id) rather than reading every text
 * again — 1,000 versions of a 1,000-property schema are 150 MB of text.
 */
export async function listVersionHeads(db: SqlExecutor, subject: string): Promise<VersionHead[]> {
  const { rows } = await db.query<Omit<VersionRow, 'schema_text' | 'examples'>>(
    `SELECT v.subject, v.version, v.semver, v.schema_id, s.guid, s.refs, v.metadata, v.rule_set, v.deleted, v.created_at ${selectFrom} WHERE v.subject = $1 AND NOT v.deleted ORDER BY v.version`,
    [subject],
  );
  return rows.map((row) => {
    const { schema: _text, examples: _examples, ...head } = toVersion({ ...row, schema_text: '', examples: null });
    return head;
  });
}

/** Every version of a subject, oldest first; soft-deleted ones only when asked. */
export async function listVersions(db: SqlExecutor, subject: string, includeDeleted = false): Promise<StoredVersion[]> {
  const { rows } = await db.query<VersionRow>(
    `${selectVersion} WHERE v.subject = $1 ${includeDeleted ? '' : 'AND NOT v.deleted'} ORDER BY v.version`,
    [subject],
  );
  return rows.map(toVersion);
}

export async function findVersion(db: SqlExecutor, subject: string, version: number): Promise<StoredVersion | undefined> {
  const { rows } = await db.query<VersionRow>(`${selectVersion} WHERE v.subject = $1 AND v.version = $2`, [subject, version]);
  return rows[0] && toVersion(rows[0]);
}

/** Versions (live and soft-deleted) in which a global schema id is registered. */
export async function versionsOfSchema(db: SqlExecutor, id: number, includeDeleted = false): Promise<StoredVersion[]> {
  const { rows } = await db.query<VersionRow>(
    `${selectVersion} WHERE v.schema_id = $1 ${includeDeleted ? '' : 'AND NOT v.deleted'} ORDER BY v.subject, v.version`,
    [id],
  );
  return rows.map(toVersion);
}

/**
 * SQL matching `column` against the prefix in $1 (none: every subject). Confluent's context
 * wildcard `:*:` matches in every context: `:*:orders` finds `orders` and `:.team-a:orders-value`.
 */
function subjectPrefixMatch(column: string): string {
  return `($1::text IS NULL OR starts_with(${column}, $1::text)
    OR (starts_with($1::text, ':*:') AND starts_with(regexp_replace(${column}, '^:\.[^:]*:', ''), substr($1::text, 4))))`;
}

/**
 * Subject names, sorted. A subject counts as deleted when every version of it is soft-deleted:
 * `deletedOnly` lists just those, `includeDeleted` lists them with the live ones.
 */
export async function listSubjects(db: SqlExecutor, options: { prefix?: string; includeDeleted?: boolean; deletedOnly?: boolean }): Promise<string[]> {
  const having = options.deletedOnly ? 'HAVING bool_and(deleted)' : options.includeDeleted ? '' : 'HAVING bool_or(NOT deleted)';
  const { rows } = await db.query<{ subject: string }>(
    `SELECT subject FROM charter_versions
     WHERE ${subjectPrefixMatch('subject')}
     GROUP BY subject ${having}
     ORDER BY subject`,
    [options.prefix ?? null],
  );
  return rows.map((row) => row.subject);
}

/**
 * `GET /schemas`: versions of every subject under a prefix, by subject then version; with
 * `latestOnly` the newest (live, unless deleted ones are asked for) of each subject. Paged in SQL.
 */
export async function listSchemaVersions(
  db: SqlExecutor,
  options: { prefix?: string; includeDeleted: boolean; latestOnly: boolean; offset: number; limit?: number },
): Promise<StoredVersion[]> {
  const filter = `WHERE ${subjectPrefixMatch('v.subject')} AND ($2::boolean OR NOT v.deleted)`;
  const versions = options.latestOnly
    ? `SELECT * FROM (SELECT DISTINCT ON (v.subject) ${selectColumns} ${selectFrom} ${filter} ORDER BY v.subject, v.version DESC) latest ORDER BY subject`
    : `SELECT ${selectColumns} ${selectFrom} ${filter} ORDER BY v.subject, v.version`;
  const { rows } = await db.query<VersionRow>(`${versions} OFFSET $3 LIMIT $4`, [
    options.prefix ?? null,
    options.includeDeleted,
    options.offset,
    options.limit ?? null,
  ]);
  return rows.map(toVersion);
}

/**
 * Serialises writers of one subject until the transaction ends, on PostgreSQL across every server
 * sharing the database. Version numbers are then assigned without gaps or duplicates.
 */
export async function lockSubject(tx: SqlExecutor, subject: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [subjectLockKey(subject)]);
}

/** The advisory lock key of a subject (hashed by PostgreSQL's hashtext). */
export function subjectLockKey(subject: string): string {
  return `charter:subject:${subject}`;
}

export async function softDeleteVersions(tx: SqlExecutor, subject: string, versions: readonly number[]): Promise<void> {
  await tx.query('UPDATE charter_versions SET deleted = true WHERE subject = $1 AND version = ANY($2::int[])', [subject, versions]);
}

export async function hardDeleteVersions(tx: SqlExecutor, subject: string, versions: readonly number[]): Promise<void> {
  await tx.query('DELETE FROM charter_versions WHERE subject = $1 AND version = ANY($2::int[])', [subject, versions]);
}


/** Contexts other than the default one that some subject (live or soft-deleted) is qualified with. */
export async function listContexts(db: SqlExecutor): Promise<string[]> {
  const { rows } = await db.query<{ context: string }>(
    `SELECT DISTINCT substring(subject from '^:(\\.[^:]+):') AS context FROM charter_versions
     WHERE subject LIKE ':.%:%' ORDER BY context`,
  );
  return rows.map((row) => row.context).filter((context) => context !== '.' && context !== null);
}
