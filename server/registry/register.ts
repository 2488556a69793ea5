import semver from 'semver';
import type { SchemaInput } from '../../core/compat/index.js';
import { RegistryError } from '../../core/errors/index.js';
import { compileSchema } from '../../core/schema/compile.js';
import { runValidator } from '../../core/schema/run-validator.js';
import { appendAudit } from '../storage/audit-rows.js';
import { ensureSchema, findSchemaByFingerprint } from '../storage/schema-rows.js';
import type { SqlExecutor } from '../storage/sql-driver.js';
import { insertVersion, listVersions, lockSubject, maxVersion } from '../storage/version-rows.js';
import type { Actor, RegistryContext } from './context.js';
import { guardMigrations } from './migration-guard.js';
import type { RegistryMode, StoredVersion, VersionMetadata } from './model.js';
import { parseRegisterRequest, type RegisterRequest } from './register-request.js';
import { prepareRequestSchema } from './request-schema.js';
import { decideVersion, type PolicyVersion } from './semver-policy.js';
import { effectiveConfig, effectiveMode, type EffectiveConfig } from './settings.js';
import { assertValidSubject } from './subject-name.js';

export interface RegisterResult {
  id: number;
  version: number;
  semver: string;
  /** False when the identical schema was already registered (the call was idempotent). */
  created: boolean;
}

/**
 * Registers a schema under a subject (`POST /subjects/{s}/versions`):
 *  1. check the request and the schema (nothing is written on any failure);
 *  2. under the subject's lock, return the existing version of an identical schema (idempotent);
 *  3. decide the semver and enforce compatibility within the group;
 *  4. enforce and verify migration rules;
 *  5. write schema, version and audit row in the same transaction.
 */
export async function registerSchema(
  ctx: RegistryContext,
  actor: Actor,
  subject: string,
  body: unknown,
  options: { normalize?: boolean } = {},
): Promise<RegisterResult> {
  assertValidSubject(subject);
  const request = parseRegisterRequest(body);
  const [mode, config] = await Promise.all([effectiveMode(ctx.db, subject), effectiveConfig(ctx.db, subject)]);
  assertWritable(mode, subject, request);
  const { prepared, candidate } = await prepareRequestSchema(ctx, request, Boolean(options.normalize) || config.normalize);
  assertExamplesValid(candidate, request.examples);

  return ctx.db.transaction(async (tx) => {
    await lockSubject(tx, subject);
    const live = await listVersions(tx, subject);
    const same = await findSchemaByFingerprint(tx, prepared.fingerprint);
    const existing = same && live.find((version) => version.id === same.id);
    if (existing && mode !== 'IMPORT') return idempotentResult(existing, request);

    const groupOf = groupFunction(config);
    // One query at a time: a transaction's connection runs its queries in sequence anyway.
    const policyVersions: PolicyVersion[] = [];
    for (const version of live) policyVersions.push(await toPolicyVersion(ctx, tx, version, groupOf));
    const decision =
      mode === 'IMPORT'
        ? { semver: request.semver ?? nextImportSemver(live), bump: 'major' as const, opensGroup: false }
        : decideVersion({
            candidate,
            candidateGroup: (sv) => groupOf({ semver: sv, metadata: request.metadata }),
            live: policyVersions,
            declared: request.semver,
            config,
          });
    if (mode !== 'IMPORT') {
      const predecessor = live.at(-1);
      await guardMigrations({
        subject,
        semver: decision.semver,
        candidate,
        candidateExamples: request.examples,
        ruleSet: request.ruleSet,
        predecessor: predecessor && {
          semver: predecessor.semver,
          input: policyVersions.at(-1)!.input,
          examples: predecessor.examples,
        },
        opensGroup: decision.opensGroup,
        requireMigration: config.requireMigration && config.compatibilityLevel !== 'NONE',
      });
    }
    const version = request.version ?? (await maxVersion(tx, subject)) + 1;
    if (mode === 'IMPORT' && live.some((v) => v.version === version || v.semver === decision.semver)) {
      throw new RegistryError('OPERATION_NOT_PERMITTED', `Subject '${subject}' already has version ${version} or semver ${decision.semver}`);
    }
    const id = await ensureSchemaChecked(tx, prepared, request.id);
    await insertVersion(tx, {
      subject,
      version,
      schemaId: id,
      semver: decision.semver,
      metadata: withSemver(request.metadata, decision.semver),
      ruleSet: request.ruleSet,
      examples: request.examples,
    });
    await appendAudit(tx, {
      principal: actor.principal,
      action: mode === 'IMPORT' ? 'schema.import' : 'schema.register',
      subject,
      detail: { id, version, semver: decision.semver, bump: decision.bump },
    });
    return { id, version, semver: decision.semver, created: true };
  });
}

function assertWritable(mode: RegistryMode, subject: string, request: RegisterRequest): void {
  if (mode === 'READONLY' || mode === 'READONLY_OVERRIDE') {
    throw new RegistryError('OPERATION_NOT_PERMITTED', `Subject '${subject}' is in read-only mode`);
  }
  if (mode !== 'IMPORT' && (request.id !== undefined || request.version !== undefined)) {
    throw new RegistryError('OPERATION_NOT_PERMITTED', 'Registering with an explicit id or version requires IMPORT mode');
  }
}

function assertExamplesValid(candidate: SchemaInput, examples: readonly unknown[]): void {
  if (examples.length === 0) return;
  const { validate } = compileSchema(candidate.schema, candidate.references);
  examples.forEach((example, index) => {
    const outcome = runValidator(validate, example);
    if (!outcome.valid) {
      throw new RegistryError('INVALID_EVENT', `examples[${index}] is not valid under the schema being registered`, {
        errors: outcome.errors,
      });
    }
  });
}

function idempotentResult(existing: StoredVersion, request: RegisterRequest): RegisterResult {
  if (request.semver !== undefined && request.semver !== existing.semver) {
    throw new RegistryError(
      'INVALID_SEMVER',
      `This schema is already registered as version ${existing.version} with semver ${existing.semver}; it cannot also be ${request.semver}`,
    );
  }
  return { id: existing.id, version: existing.version, semver: existing.semver, created: false };
}

type GroupOf = (version: { semver: string; metadata?: VersionMetadata }) => string;

/** Versions split into compatibility groups by the configured metadata property, else by major. */
function groupFunction(config: EffectiveConfig): GroupOf {
  const property = config.compatibilityGroup;
  return property
    ? (version) => version.metadata?.properties?.[property] ?? ''
    : (version) => String(semver.major(version.semver));
}

async function toPolicyVersion(ctx: RegistryContext, tx: SqlExecutor, version: StoredVersion, groupOf: GroupOf): Promise<PolicyVersion> {
  const loaded = await ctx.schemas.load(tx, version.id, { exclusive: true });
  if (!loaded) throw new Error(`version ${version.version} of '${version.subject}' points at missing schema ${version.id}`);
  return { version: version.version, semver: version.semver, input: loaded.input, group: groupOf(version) };
}

/** Keeps `metadata.properties.semver` in step with the version's semver for Confluent-only clients. */
function withSemver(metadata: VersionMetadata | undefined, version: string): VersionMetadata | undefined {
  if (!metadata?.properties?.semver) return metadata;
  return { ...metadata, properties: { ...metadata.properties, semver: version } };
}

function nextImportSemver(live: readonly StoredVersion[]): string {
  const latest = live.at(-1);
  return latest ? semver.inc(latest.semver, 'minor')! : '1.0.0';
}

async function ensureSchemaChecked(
  tx: SqlExecutor,
  prepared: { fingerprint: string; text: string; references: import('./model.js').SchemaReference[] },
  importId: number | undefined,
): Promise<number> {
  try {
    const id = await ensureSchema(tx, { ...prepared, id: importId });
    if (importId !== undefined && id !== importId) {
      throw new RegistryError('ID_DOES_NOT_MATCH', `This schema is already registered with id ${id}, not ${importId}`);
    }
    return id;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new RegistryError('ID_DOES_NOT_MATCH', `Schema id ${importId} is already taken by a different schema`, {}, { cause: error });
    }
    throw error;
  }
}
