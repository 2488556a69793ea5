import type { SqlDriver, SqlExecutor } from './sql-driver.js';
import { schemaIdentityMigration } from './sql-migrations/0002-schema-identity.js';

/** A step of the SQL schema; `backfill` rewrites existing rows where SQL alone cannot. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  backfill?: (tx: SqlExecutor) => Promise<void>;
}

/**
 * The one SQL schema, as an ordered list of migrations. Both drivers run the same list; a
 * migration is never edited once released — add the next one instead.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'registry',
    sql: `
      -- Global schema ids: one row per distinct canonical schema (with its references).
      CREATE TABLE charter_schemas (
        id           integer PRIMARY KEY,
        fingerprint  text NOT NULL UNIQUE,
        schema_type  text NOT NULL DEFAULT 'JSON',
        schema_text  text NOT NULL,
        refs         jsonb NOT NULL DEFAULT '[]',
        created_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE SEQUENCE charter_schema_ids OWNED BY charter_schemas.id;

      CREATE TABLE charter_versions (
        subject     text NOT NULL,
        version     integer NOT NULL,
        schema_id   integer NOT NULL REFERENCES charter_schemas(id),
        semver      text NOT NULL,
        metadata    jsonb,
        rule_set    jsonb,
        examples    jsonb,
        deleted     boolean NOT NULL DEFAULT false,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subject, version)
      );
      CREATE UNIQUE INDEX charter_versions_live_semver ON charter_versions (subject, semver) WHERE NOT deleted;
      CREATE INDEX charter_versions_schema ON charter_versions (schema_id);

      -- Which registered versions a schema's references point at (for /referencedby and delete rules).
      CREATE TABLE charter_references (
        schema_id    integer NOT NULL REFERENCES charter_schemas(id),
        name         text NOT NULL,
        ref_subject  text NOT NULL,
        ref_version  integer NOT NULL,
        PRIMARY KEY (schema_id, name)
      );
      CREATE INDEX charter_references_target ON charter_references (ref_subject, ref_version);

      -- Config and mode, global under the empty subject ''.
      CREATE TABLE charter_config (subject text PRIMARY KEY, config jsonb NOT NULL);
      CREATE TABLE charter_mode (subject text PRIMARY KEY, mode text NOT NULL);

      CREATE TABLE charter_consumers (
        group_name  text PRIMARY KEY,
        subjects    jsonb NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE charter_audit (
        id         bigserial PRIMARY KEY,
        at         timestamptz NOT NULL DEFAULT now(),
        principal  text NOT NULL,
        action     text NOT NULL,
        subject    text,
        detail     jsonb NOT NULL DEFAULT '{}'
      );
    `,
  },
  schemaIdentityMigration,
];

/**
 * Brings the database up to the newest migration. An advisory lock makes concurrent start-ups of
 * several servers on one PostgreSQL take turns instead of racing on CREATE TABLE.
 */
export async function migrate(driver: SqlDriver): Promise<void> {
  await driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(727274)');
    await tx.query(
      'CREATE TABLE IF NOT EXISTS charter_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM charter_migrations');
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await migration.backfill?.(tx);
      await tx.query('INSERT INTO charter_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
  });
}

// Extended-protocol queries take one statement each; the migrations hold no semicolons in strings.
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
}
