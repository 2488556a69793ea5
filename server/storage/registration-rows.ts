import type { RuleSet } from '../../core/migrate/index.js';
import type { SchemaReference, VersionMetadata } from '../registry/model.js';
import { GLOBAL } from './settings-rows.js';
import type { SqlExecutor } from './sql-driver.js';
import { nextFreeSchemaId } from './schema-ids.js';
import { subjectLockKey } from './version-rows.js';

/*
 * Registration is the registry's hot write path, and its cost is dominated by round trips to the
 * database. So it reads everything it needs in one query and writes everything in one statement;
 * see registry/register.ts for how the two are used with and without the subject lock.
 */

/** A live version as registration needs it: no schema text (that comes from the schema cache). */
export interface LiveVersion {
  version: number;
  semver: string;
  id: number;
  fingerprint: string;
  metadata?: VersionMetadata;
}

export interface RegistrationState<C> {
  globalConfig?: C;
  ownConfig?: C;
  globalMode?: string;
  ownMode?: string;
  /** Live versions, oldest first. */
  live: LiveVersion[];
  /** The highest version number ever used, soft-deleted ones included (never reused). */
  maxVersion: number;
  /** Example events of the latest live version: the samples that verify a new version's rules. */
  latestExamples: unknown[];
}

interface StateRow<C> {
  global_config: C | null;
  own_config: C | null;
  global_mode: string | null;
  own_mode: string | null;
  live: string | Array<Omit<LiveVersion, 'metadata'> & { metadata: VersionMetadata | null }>;
  max_version: number | null;
  latest_examples: unknown[] | null;
}

/** Settings, live versions and the highest version number of a subject, in one query. */
export async function readRegistrationState<C>(db: SqlExecutor, subject: string): Promise<RegistrationState<C>> {
  const { rows } = await db.query<StateRow<C>>(
    `SELECT (SELECT config FROM charter_config WHERE subject = $1) AS global_config,
            (SELECT config FROM charter_config WHERE subject = $2) AS own_config,
            (SELECT mode FROM charter_mode WHERE subject = $1) AS global_mode,
            (SELECT mode FROM charter_mode WHERE subject = $2) AS own_mode,
            (SELECT coalesce(json_agg(json_build_object(
                      'version', v.version, 'semver', v.semver, 'id', v.schema_id, 'fingerprint', s.fingerprint,
                      'metadata', v.metadata) ORDER BY v.version), '[]'::json)
               FROM charter_versions v JOIN charter_schemas s ON s.id = v.schema_id
              WHERE v.subject = $2 AND NOT v.deleted) AS live,
            (SELECT max(version) FROM charter_versions WHERE subject = $2) AS max_version,
            (SELECT examples FROM charter_versions WHERE subject = $2 AND NOT deleted
              ORDER BY version DESC LIMIT 1) AS latest_examples`,
    [GLOBAL, subject],
  );
  const row = rows[0];
  const live = typeof row.live === 'string' ? (JSON.parse(row.live) as Exclude<StateRow<C>['live'], string>) : row.live;
  return {
    globalConfig: row.global_config ?? undefined,
    ownConfig: row.own_config ?? undefined,
    globalMode: row.global_mode ?? undefined,
    ownMode: row.own_mode ?? undefined,
    live: live.map(({ metadata, ...version }) => ({ ...version, ...(metadata ? { metadata } : {}) })),
    maxVersion: row.max_version ?? 0,
    latestExamples: row.latest_examples ?? [],
  };
}

export interface NewVersionRow {
  subject: string;
  version: number;
  semver: string;
  metadata?: VersionMetadata;
  ruleSet?: RuleSet;
  examples: readonly unknown[];
  audit: { principal: string; action: string; detail: Record<string, unknown> };
}

export interface SchemaToStore {
  fingerprint: string;
  text: string;
  references: readonly SchemaReference[];
}

/**
 * Writes a version, its audit row and, when new, its schema and reference rows: one statement, so
 * it is all or nothing even outside a transaction. Nothing is written, and undefined returned, when
 * the subject's lock is held by another writer; a version number taken meanwhile fails the primary
 * key (23505). Identical schemas share one id: an already stored one is reused, unless it was
 * stored by a writer that committed while this statement ran (undefined again; retry).
 */
export async function writeRegistration(db: SqlExecutor, schema: SchemaToStore | { id: number }, row: NewVersionRow): Promise<number | undefined> {
  const known = 'id' in schema;
  const { rows } = await db.query<{ id: number }>(
    `WITH subject_lock AS (
       SELECT pg_try_advisory_xact_lock(hashtext($10)) AS held
     ), ${
       known
         ? `schema_id AS (SELECT $11::integer AS id FROM subject_lock WHERE held)`
         : `new_schema AS (
       INSERT INTO charter_schemas (id, fingerprint, schema_text, refs)
       SELECT ${nextFreeSchemaId}, $11, $12, $13::jsonb FROM subject_lock WHERE held
       ON CONFLICT (fingerprint) DO NOTHING RETURNING id
     ), new_references AS (
       INSERT INTO charter_references (schema_id, name, ref_subject, ref_version)
       SELECT new_schema.id, r.name, r.subject, r.version
       FROM new_schema, jsonb_to_recordset($13::jsonb) AS r(name text, subject text, version integer)
       ON CONFLICT DO NOTHING
     ), schema_id AS (
       SELECT id FROM new_schema
       UNION ALL
       SELECT s.id FROM charter_schemas s, subject_lock WHERE held AND s.fingerprint = $11 AND NOT EXISTS (SELECT 1 FROM new_schema)
     )`
     }, new_version AS (
       INSERT INTO charter_versions (subject, version, schema_id, semver, metadata, rule_set, examples)
       SELECT $1, $2, id, $3, $4::jsonb, $5::jsonb, $6::jsonb FROM schema_id RETURNING schema_id
     ), new_audit AS (
       INSERT INTO charter_audit (principal, action, subject, detail)
       SELECT $7, $8, $1, $9::jsonb || jsonb_build_object('id', schema_id) FROM new_version
     )
     SELECT schema_id AS id FROM new_version`,
    [
      row.subject,
      row.version,
      row.semver,
      jsonOrNull(row.metadata),
      jsonOrNull(row.ruleSet),
      row.examples.length ? JSON.stringify(row.examples) : null,
      row.audit.principal,
      row.audit.action,
      JSON.stringify(row.audit.detail),
      subjectLockKey(row.subject),
      ...(known ? [schema.id] : [schema.fingerprint, schema.text, JSON.stringify(schema.references)]),
    ],
  );
  return rows[0]?.id;
}

const jsonOrNull = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
