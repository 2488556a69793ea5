import type { SchemaReference, StoredSchema } from '../registry/model.js';
import { advancePastImportedId, nextFreeSchemaId } from './schema-ids.js';
import type { SqlExecutor } from './sql-driver.js';

interface SchemaRow {
  id: number;
  schema_text: string;
  refs: SchemaReference[];
}

const toSchema = (row: SchemaRow): StoredSchema => ({
  id: row.id,
  schemaType: 'JSON',
  schema: row.schema_text,
  references: row.refs ?? [],
});

export async function findSchemaById(db: SqlExecutor, id: number): Promise<StoredSchema | undefined> {
  const { rows } = await db.query<SchemaRow>('SELECT id, schema_text, refs FROM charter_schemas WHERE id = $1', [id]);
  return rows[0] && toSchema(rows[0]);
}

export async function findSchemasByIds(db: SqlExecutor, ids: readonly number[]): Promise<StoredSchema[]> {
  const { rows } = await db.query<SchemaRow>('SELECT id, schema_text, refs FROM charter_schemas WHERE id = ANY($1::int[])', [ids]);
  return rows.map(toSchema);
}

export async function findSchemaByFingerprint(db: SqlExecutor, fingerprint: string): Promise<StoredSchema | undefined> {
  const { rows } = await db.query<SchemaRow>('SELECT id, schema_text, refs FROM charter_schemas WHERE fingerprint = $1', [fingerprint]);
  return rows[0] && toSchema(rows[0]);
}

/**
 * Returns the global id of a schema, inserting it when new. Identical schemas share one id across
 * subjects (Confluent semantics); ON CONFLICT makes two writers racing on the same new schema agree.
 */
export async function ensureSchema(
  db: SqlExecutor,
  schema: { fingerprint: string; text: string; references: SchemaReference[]; id?: number },
): Promise<number> {
  const inserted = await db.query<{ id: number }>(
    `INSERT INTO charter_schemas (id, fingerprint, schema_text, refs)
     VALUES (COALESCE($4::integer, ${nextFreeSchemaId}), $1, $2, $3::jsonb)
     ON CONFLICT (fingerprint) DO NOTHING RETURNING id`,
    [schema.fingerprint, schema.text, JSON.stringify(schema.references), schema.id ?? null],
  );
  if (inserted.rows[0]) {
    for (const ref of schema.references) {
      await db.query(
        'INSERT INTO charter_references (schema_id, name, ref_subject, ref_version) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [inserted.rows[0].id, ref.name, ref.subject, ref.version],
      );
    }
    if (schema.id !== undefined) await db.query(advancePastImportedId, [schema.id]);
    return inserted.rows[0].id;
  }
  const existing = await findSchemaByFingerprint(db, schema.fingerprint);
  if (!existing) throw new Error(`schema with fingerprint ${schema.fingerprint} vanished during insert`);
  return existing.id;
}

/** Ids of schemas whose references point at this subject version. */
export async function referencingSchemaIds(db: SqlExecutor, subject: string, version: number): Promise<number[]> {
  const { rows } = await db.query<{ schema_id: number }>(
    `SELECT DISTINCT r.schema_id FROM charter_references r
     WHERE r.ref_subject = $1 AND r.ref_version = $2
       AND EXISTS (SELECT 1 FROM charter_versions v WHERE v.schema_id = r.schema_id AND NOT v.deleted)
     ORDER BY r.schema_id`,
    [subject, version],
  );
  return rows.map((row) => row.schema_id);
}
