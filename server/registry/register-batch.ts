import type { SchemaInput } from '../../core/compat/index.js';
import type { RuleVerification } from '../../core/migrate/index.js';
import { RegistryError } from '../../core/errors/index.js';
import { assertValidSubject, groupFunction, type PolicyVersion } from '../../core/policy/index.js';
import { appendAudit } from '../storage/audit-rows.js';
import { findSchemaByFingerprint } from '../storage/schema-rows.js';
import { guidOf } from './schema-identity.js';
import { contextSettingsKey } from '../../core/contexts/context-name.js';
import { readRegistrationState, type RegistrationState } from '../storage/registration-rows.js';
import { readConfig, writeConfig } from '../storage/settings-rows.js';
import { lockSubject } from '../storage/version-rows.js';
import type { Actor, RegistryContext } from './context.js';
import { assertExamplesValid, assertWritable, attempt, judgeRegistration, loadPolicyVersions, type Registration, type RegisterResult } from './register.js';
import { parseRegisterRequest, type RegisterRequest } from './register-request.js';
import { prepareRequestSchema } from './request-schema.js';
import type { PreparedSchema } from './schema-document.js';
import { parseConfigBody, settingsOf, type SubjectConfig } from './settings.js';

/** What one version of a batch came to (or would come to, in a dry run). */
export interface BatchResult {
  /** The schema id: absent in a dry run when the schema is not stored yet (ids are given on write). */
  id?: number;
  /** The schema's GUID, once it is stored. */
  guid?: string;
  version: number;
  semver: string;
  /** False when the identical schema was already registered as this version. */
  created: boolean;
  /** The rules the version carries, as verified: executor, and how many samples (examples, generated). */
  migrationRules?: RuleVerification[];
}

export interface BatchAnswer {
  dryRun: boolean;
  results: BatchResult[];
}

/** A batch body after its shape has been checked. */
interface BatchRequest {
  config?: SubjectConfig;
  versions: RegisterRequest[];
}

const MAX_BATCH = 100;

/**
 * `POST /subjects/{s}/versions/batch[?dryRun=true]`: registers several versions of one subject,
 * with the subject's config, all or nothing. Each version is judged by exactly the rules of
 * `POST /subjects/{s}/versions`, against the subject as the earlier versions of the batch leave it.
 *
 * - dry run: nothing is written; the answer says what each version would be, or the first refusal
 *   (with `failedAt`), as registration would answer it;
 * - otherwise: one transaction holding the subject's lock writes the config and every version, or
 *   nothing at all (a refusal or a failure rolls all of it back), so a subject is never half-pushed.
 */
export async function registerBatch(
  ctx: RegistryContext,
  actor: Actor,
  subject: string,
  body: unknown,
  options: { dryRun: boolean; normalize?: boolean },
): Promise<BatchAnswer> {
  assertValidSubject(subject);
  const batch = parseBatch(body);
  return options.dryRun
    ? { dryRun: true, results: await dryRun(ctx, actor, subject, batch, Boolean(options.normalize)) }
    : { dryRun: false, results: await writeBatch(ctx, actor, subject, batch, Boolean(options.normalize)) };
}

/** The registration checks of `versions`, in order, against the subject's state: nothing written. */
export async function dryRun(ctx: RegistryContext, actor: Actor, subject: string, batch: BatchRequest, normalize: boolean): Promise<BatchResult[]> {
  const state = withConfig(await readRegistrationState<SubjectConfig>(ctx.db, subject, contextSettingsKey(subject)), batch.config);
  const { mode, config } = settingsOf(state);
  const groupOf = groupFunction(config);
  let policyVersions = await loadPolicyVersions(ctx, ctx.db, subject, state.live, groupOf, false);
  const results: BatchResult[] = [];
  for (const [index, request] of batch.versions.entries()) {
    await atIndex(index, request, async () => {
      assertBatchable(mode, subject, request);
      const { prepared, candidate } = await prepareRequestSchema(ctx, request, normalize || config.normalize);
      await assertExamplesValid(ctx, candidate, prepared.text, request.examples);
      const verdict = await judgeRegistration({ ctx, actor, subject, request, prepared, candidate }, { state, policyVersions: async () => policyVersions });
      if (verdict.kind === 'existing') {
        const { id, version, semver } = verdict.existing;
        results.push({ id, version, semver, created: false });
        return;
      }
      const { version, row, schema, migrationRules } = verdict;
      const known = (await findSchemaByFingerprint(ctx.db, schema.fingerprint))?.id;
      const verified = migrationRules.length > 0 ? { migrationRules } : {};
      results.push({ ...(known === undefined ? {} : { id: known }), version, semver: row.semver, created: true, ...verified });
      // The next version of the batch is judged against the subject with this one registered.
      const contract = { ...(row.metadata ? { metadata: row.metadata } : {}), ...(row.ruleSet ? { ruleSet: row.ruleSet } : {}) };
      state.live = [...state.live, { version, semver: row.semver, id: known ?? 0, guid: guidOf(schema.fingerprint), fingerprint: schema.fingerprint, ...contract }];
      state.maxVersion = version;
      state.latestExamples = [...request.examples];
      const added: PolicyVersion = { version, semver: row.semver, input: candidate, group: groupOf(row) };
      policyVersions = [...policyVersions, added];
    });
  }
  return results;
}

/** Config and every version in one transaction under the subject's lock. */
async function writeBatch(ctx: RegistryContext, actor: Actor, subject: string, batch: BatchRequest, normalize: boolean): Promise<BatchResult[]> {
  // Schemas are prepared before the transaction: preparing reads referenced subjects through the
  // shared connection, which an (exclusive, on PGlite) transaction would deadlock.
  const before = withConfig(await readRegistrationState<SubjectConfig>(ctx.db, subject, contextSettingsKey(subject)), batch.config);
  const { config } = settingsOf(before);
  const prepared: Array<{ request: RegisterRequest; prepared: PreparedSchema; candidate: SchemaInput }> = [];
  for (const [index, request] of batch.versions.entries()) {
    await atIndex(index, request, async () => {
      assertBatchable(settingsOf(before).mode, subject, request);
      const ready = await prepareRequestSchema(ctx, request, normalize || config.normalize);
      await assertExamplesValid(ctx, ready.candidate, ready.prepared.text, request.examples);
      prepared.push({ request, ...ready });
    });
  }
  const results = await ctx.db.transaction(async (tx) => {
    await lockSubject(tx, subject);
    if (batch.config) {
      const own = await readConfig<SubjectConfig>(tx, subject);
      const merged = { ...own, ...batch.config };
      if (JSON.stringify(merged) !== JSON.stringify(own ?? {})) {
        await writeConfig(tx, subject, merged);
        await appendAudit(tx, { principal: actor.principal, action: 'config.update', subject, detail: { ...batch.config } });
      }
    }
    const written: RegisterResult[] = [];
    for (const [index, item] of prepared.entries()) {
      await atIndex(index, item.request, async () => {
        const state = await readRegistrationState<SubjectConfig>(tx, subject, contextSettingsKey(subject));
        assertBatchable(settingsOf(state).mode, subject, item.request);
        const registration: Registration = { ctx, actor, subject, ...item };
        written.push((await attempt(registration, tx, state, true))!);
      });
    }
    return written;
  });
  // Only once committed may the schemas enter the shared cache.
  results.forEach((result, index) => {
    if (!result.created) return;
    const { prepared: schema, candidate } = prepared[index]!;
    const contract = { ...(result.contract.metadata && { metadata: result.contract.metadata }), ...(result.contract.ruleSet && { ruleSet: result.contract.ruleSet }) };
    ctx.schemas.put({ id: result.id, guid: result.guid, schemaType: 'JSON', schema: schema.text, references: schema.references, ...contract }, candidate);
  });
  return results.map(({ id, guid, version, semver, created, migrationRules }) => ({ id, guid, version, semver, created, ...(migrationRules?.length ? { migrationRules } : {}) }));
}

/** Runs one version's step; a refusal names the version it is about (`failedAt`) and says nothing was written. */
async function atIndex(index: number, request: RegisterRequest, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    throw new RegistryError(error.code, error.message, { ...error.details, failedAt: { index, ...(request.semver ? { semver: request.semver } : {}) } }, { cause: error });
  }
}

function withConfig(state: RegistrationState<SubjectConfig>, config: SubjectConfig | undefined): RegistrationState<SubjectConfig> {
  return config ? { ...state, ownConfig: { ...state.ownConfig, ...config } } : state;
}

/** A batch registers; it never imports (ids and versions are the registry's to give). */
function assertBatchable(mode: ReturnType<typeof settingsOf>['mode'], subject: string, request: RegisterRequest): void {
  assertWritable(mode, subject, request);
  if (mode === 'IMPORT') throw new RegistryError('OPERATION_NOT_PERMITTED', `Subject '${subject}' is in IMPORT mode: import versions one by one with their ids`);
}

function parseBatch(body: unknown): BatchRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RegistryError('BAD_REQUEST', 'The batch body must be a JSON object {"versions": [...], "config"?: {...}}');
  }
  const input = body as Record<string, unknown>;
  if (!Array.isArray(input.versions) || input.versions.length === 0 || input.versions.length > MAX_BATCH) {
    throw new RegistryError('BAD_REQUEST', `"versions" must be an array of 1 to ${MAX_BATCH} registration bodies, oldest first`);
  }
  const versions = input.versions.map((version, index) => {
    try {
      return parseRegisterRequest(version);
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      throw new RegistryError(error.code, `versions[${index}]: ${error.message}`, { ...error.details, failedAt: { index } });
    }
  });
  return { versions, ...(input.config === undefined || input.config === null ? {} : { config: parseConfigBody(input.config) }) };
}

/**
 * `POST /subjects/{s}/versions?dryRun=true`: what registering this body would answer — the same
 * checks, the same refusals — without writing anything.
 */
export async function dryRunRegistration(ctx: RegistryContext, actor: Actor, subject: string, body: unknown, normalize: boolean): Promise<BatchResult & { dryRun: true }> {
  assertValidSubject(subject);
  const request = parseRegisterRequest(body);
  try {
    const [result] = await dryRun(ctx, actor, subject, { versions: [request] }, normalize);
    return { ...result!, dryRun: true };
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    const { failedAt: _failedAt, ...details } = error.details;
    throw new RegistryError(error.code, error.message, details, { cause: error.cause });
  }
}
