import { guidOf, identityFingerprint } from '../../registry/schema-identity.js';
import type { RuleSet } from '../../../core/migrate/index.js';
import type { SchemaReference, VersionMetadata } from '../../registry/model.js';
import type { SqlExecutor } from '../sql-driver.js';

/**
 * A schema's identity becomes (text, references, metadata, rule set), as in Confluent, and every
 * schema gets a GUID. Metadata and rules move onto the schema row (versions keep their copy).
 */
export const schemaIdentityMigration = {
  version: 2,
  name: 'schema identity and guids',
  sql: `
    ALTER TABLE charter_schemas ADD COLUMN metadata jsonb;
    ALTER TABLE charter_schemas ADD COLUMN rule_set jsonb;
    ALTER TABLE charter_schemas ADD COLUMN guid uuid;
  `,
  async backfill(tx: SqlExecutor) {
    await splitSchemasByContract(tx);
    await assignGuids(tx);
    await tx.query('ALTER TABLE charter_schemas ALTER COLUMN guid SET NOT NULL');
    // Not unique: the same content may one day be stored once per context, with one GUID.
    await tx.query('CREATE INDEX charter_schemas_guid ON charter_schemas (guid)');
  },
};

/** Every schema's GUID from its (possibly just rewritten) fingerprint, in one statement. */
async function assignGuids(tx: SqlExecutor): Promise<void> {
  const { rows } = await tx.query<{ id: number; fingerprint: string }>('SELECT id, fingerprint FROM charter_schemas');
  if (rows.length === 0) return;
  await tx.query('UPDATE charter_schemas s SET guid = u.guid FROM unnest($1::int[], $2::uuid[]) AS u(id, guid) WHERE s.id = u.id', [
    rows.map((row) => row.id),
    rows.map((row) => guidOf(row.fingerprint)),
  ]);
}

interface ContractGroup {
  schema_id: number;
  metadata: VersionMetadata | null;
  rule_set: RuleSet | null;
  schema_text: string;
  refs: SchemaReference[];
}

/**
 * Before, one id was shared by every version with the same text, whatever its metadata and rules
 * (only across subjects: within one, the same text was never registered twice). Each distinct
 * (metadata, rules) pair now needs its own schema. The pair registered first keeps the existing id,
 * so most ids already written into messages still name exactly what they named; each other pair
 * gets a new id and GUID, and its versions point at it.
 */
async function splitSchemasByContract(tx: SqlExecutor): Promise<void> {
  const { rows } = await tx.query<ContractGroup>(
    `SELECT v.schema_id, v.metadata, v.rule_set, s.schema_text, s.refs
     FROM charter_versions v JOIN charter_schemas s ON s.id = v.schema_id
     WHERE v.schema_id IN (SELECT schema_id FROM charter_versions WHERE metadata IS NOT NULL OR rule_set IS NOT NULL)
     GROUP BY v.schema_id, v.metadata, v.rule_set, s.schema_text, s.refs
     ORDER BY v.schema_id, min(v.created_at), min(v.version)`,
  );
  let previousId: number | undefined;
  for (const group of rows) {
    const keepsId = group.schema_id !== previousId;
    previousId = group.schema_id;
    const fingerprint = identityFingerprint({
      text: group.schema_text,
      references: group.refs ?? [],
      metadata: group.metadata ?? undefined,
      ruleSet: group.rule_set ?? undefined,
    });
    // SQL NULL for a missing part (JSON.stringify(null) would be the JSON value null).
    const contract = [group.metadata && JSON.stringify(group.metadata), group.rule_set && JSON.stringify(group.rule_set)];
    if (keepsId) {
      await tx.query('UPDATE charter_schemas SET fingerprint = $2, metadata = $3::jsonb, rule_set = $4::jsonb WHERE id = $1', [
        group.schema_id,
        fingerprint,
        ...contract,
      ]);
      continue;
    }
    const { rows: created } = await tx.query<{ id: number }>(
      `INSERT INTO charter_schemas (id, fingerprint, schema_type, schema_text, refs, metadata, rule_set)
       SELECT nextval('charter_schema_ids')::integer, $2, schema_type, schema_text, refs, $3::jsonb, $4::jsonb FROM charter_schemas WHERE id = $1
       RETURNING id`,
      [group.schema_id, fingerprint, ...contract],
    );
    const newId = created[0].id;
    await tx.query(
      `INSERT INTO charter_references (schema_id, name, ref_subject, ref_version)
       SELECT $2, name, ref_subject, ref_version FROM charter_references WHERE schema_id = $1`,
      [group.schema_id, newId],
    );
    await tx.query(
      `UPDATE charter_versions SET schema_id = $2
       WHERE schema_id = $1 AND metadata IS NOT DISTINCT FROM $3::jsonb AND rule_set IS NOT DISTINCT FROM $4::jsonb`,
      [group.schema_id, newId, ...contract],
    );
  }
}
