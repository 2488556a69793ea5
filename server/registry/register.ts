import semver from 'semver';
import type { SchemaInput } from '../../core/compat/index.js';
import { RegistryError } from '../../core/errors/index.js';
import { poolValidators } from './pool-validators.js';
import { ensureSchema, findSchemaByFingerprint } from '../storage/schema-rows.js';
import type { SqlExecutor } from '../storage/sql-driver.js';
import {
  readRegistrationState,
  writeRegistration,
  type LiveVersion,
  type NewVersionRow,
  type RegistrationState,
  type SchemaToStore,
} from '../storage/registration-rows.js';
import { lockSubject } from '../storage/version-rows.js';
import type { Actor, RegistryContext } from './context.js';
import type { RuleVerification } from '../../core/migrate/index.js';
import { verifyMigrationRules } from './migration-guard.js';
import { contextSettingsKey, isContextOnly } from '../../core/contexts/context-name.js';
import { mergeContract, type Contract } from './data-contract.js';
import { assertDomainRulesAcceptExamples } from './domain-rule-guard.js';
import { identityFingerprint } from './schema-identity.js';
import type { RegistryMode, VersionMetadata } from './model.js';
import { parseRegisterRequest, type RegisterRequest } from './register-request.js';
import { prepareRequestSchema } from './request-schema.js';
import { withCounterexample } from './refusal-counterexample.js';
import type { PreparedSchema } from './schema-document.js';
import { settingsOf, type EffectiveConfig, type SubjectConfig } from './settings.js';
import {
  assertMigrationRequirement,
  assertNotSameText,
  assertValidSubject,
  decideVersion,
  groupFunction,
  identicalVersion,
  type GroupOf,
  migrationRequired,
  type PolicyVersion,
  type VersionDecision,
} from '../../core/policy/index.js';

export interface RegisterResult {
  id: number;
  guid: string;
  version: number;
  semver: string;
  /** The metadata and rule set the version carries, after config defaults, inheritance and overrides. */
  contract: Contract;
  /** False when the identical schema was already registered (the call was idempotent). */
  created: boolean;
  /** The migration rules verified on the way in: executor and sample counts per direction. */
  migrationRules?: RuleVerification[];
}

/** A request checked and ready to be decided against a subject's state. */
export interface Registration {
  ctx: RegistryContext;
  actor: Actor;
  subject: string;
  request: RegisterRequest;
  prepared: PreparedSchema;
  candidate: SchemaInput;
}

/**
 * Registers a schema under a subject (`POST /subjects/{s}/versions`):
 *  1. check the request and the schema (nothing is written on any failure);
 *  2. return the existing version of an identical schema (idempotent);
 *  3. decide the semver and enforce compatibility within the group;
 *  4. enforce and verify migration rules;
 *  5. write schema, version and audit row in one statement.
 *
 * Steps 2–5 first run optimistically, without a transaction: one query reads the subject, one
 * statement writes, and that statement writes only if it can take the subject's lock and the
 * version number is still free. When another writer got there first, the steps run again inside a
 * transaction holding the lock, which always succeeds. Uncontended registrations cost two round
 * trips; contended ones are serialised per subject as before, across every server.
 */
export async function registerSchema(
  ctx: RegistryContext,
  actor: Actor,
  subject: string,
  body: unknown,
  options: { normalize?: boolean } = {},
): Promise<RegisterResult> {
  assertValidSubject(subject);
  if (isContextOnly(subject)) throw new RegistryError('INVALID_SUBJECT', `'${subject}' names a context, not a subject: register under '${subject}<subject>'`);
  const request = parseRegisterRequest(body);
  const contextKey = contextSettingsKey(subject);
  const state = await readRegistrationState<SubjectConfig>(ctx.db, subject, contextKey);
  const { mode, config } = settingsOf(state);
  assertWritable(mode, subject, request);
  const { prepared, candidate } = await prepareRequestSchema(ctx, request, Boolean(options.normalize) || config.normalize);
  await assertExamplesValid(ctx, candidate, prepared.text, request.examples);
  const registration: Registration = { ctx, actor, subject, request, prepared, candidate };

  let result: RegisterResult | undefined;
  if (mode !== 'IMPORT') result = await attempt(registration, ctx.db, state, false).catch(retryOnVersionClash);
  result ??= await ctx.db.transaction(async (tx) => {
    await lockSubject(tx, subject);
    const locked = await readRegistrationState<SubjectConfig>(tx, subject, contextKey);
    assertWritable(settingsOf(locked).mode, subject, request);
    return (await attempt(registration, tx, locked, true))!;
  });
  if (result.created) {
    const stored = { id: result.id, guid: result.guid, schemaType: 'JSON' as const, schema: prepared.text, references: prepared.references };
    ctx.schemas.put({ ...stored, ...definedContract(result.contract) }, candidate);
  }
  return result;
}

/** A version number taken by a writer that committed after our read: try again under the lock. */
function retryOnVersionClash(error: unknown): undefined {
  if ((error as { code?: string }).code === '23505') return undefined;
  throw error;
}

/** What registering a request against a subject's state would do, decided without writing. */
export type Verdict =
  | { kind: 'existing'; existing: LiveVersion }
  | { kind: 'new'; decision: VersionDecision; version: number; row: NewVersionRow; schema: SchemaToStore; contract: Contract; migrationRules: RuleVerification[] };

/** A subject's state and its live versions as the policy reads them (loaded lazily: an identical schema needs none). */
export interface SubjectView {
  state: RegistrationState<SubjectConfig>;
  policyVersions: () => Promise<PolicyVersion[]>;
}

/**
 * Every registration rule, in the order the registry applies them, against `view`: identical
 * schema (idempotent, or refused under another semver), semver and compatibility, which hops need
 * a migration rule, and the verification of the rules carried. Writes nothing; the dry run, the
 * batch and the ordinary registration all decide here.
 */
export async function judgeRegistration(registration: Registration, view: SubjectView): Promise<Verdict> {
  const { subject, request, prepared, candidate } = registration;
  const { state } = view;
  const { mode, config } = settingsOf(state);
  const { live } = state;
  const importing = mode === 'IMPORT';
  // Confluent's identity: the request's metadata and rules, else the latest version's, within config
  // defaults and overrides. The same text with the same contract is the same version.
  if (!importing) {
    const inherited = contractFor(request, live.at(-1), config, { inheritMigrationRules: true });
    const existing = identicalVersion(live, identityFingerprint({ ...prepared, ...inherited }), request.semver);
    if (existing) return { kind: 'existing', existing };
  }
  const contract = contractFor(request, importing ? undefined : live.at(-1), config, { inheritMigrationRules: false });
  assertDomainRulesAcceptExamples({ ...contract, schema: candidate.schema, examples: request.examples });
  const groupOf = groupFunction(config);
  const policyVersions = await view.policyVersions();
  if (!importing && request.semver !== undefined) assertNotSameText(policyVersions, candidate, request.semver);
  const decision =
    mode === 'IMPORT'
      ? { semver: request.semver ?? nextImportSemver(live), bump: 'major' as const, opensGroup: false }
      : await withCounterexample(registration.ctx, () =>
          decideVersion({
            candidate,
            candidateGroup: (sv) => groupOf({ semver: sv, metadata: contract.metadata }),
            live: policyVersions,
            declared: request.semver,
            config,
            counterexample: 'deferred',
          }),
        );
  let migrationRules: RuleVerification[] = [];
  if (mode !== 'IMPORT') {
    const predecessor = live.at(-1);
    assertMigrationRequirement({
      subject,
      semver: decision.semver,
      ruleSet: contract.ruleSet,
      predecessor: predecessor?.semver,
      opensGroup: decision.opensGroup,
      requireMigration: migrationRequired(config),
    });
    migrationRules = await verifyMigrationRules({
      candidate,
      candidateExamples: request.examples,
      ruleSet: contract.ruleSet,
      predecessor: predecessor && { semver: predecessor.semver, input: policyVersions.at(-1)!.input, examples: state.latestExamples },
      // On the compile pool's workers: a hostile rule never holds up the event loop.
      verify: (verification) => registration.ctx.compiler.verifyRules(verification),
    });
  }
  const version = request.version ?? state.maxVersion + 1;
  if (mode === 'IMPORT' && live.some((v) => v.version === version || v.semver === decision.semver)) {
    throw new RegistryError('OPERATION_NOT_PERMITTED', `Subject '${subject}' already has version ${version} or semver ${decision.semver}`);
  }
  const final: Contract = { metadata: withConfluentVersion(withSemver(contract.metadata, decision.semver), version), ruleSet: contract.ruleSet };
  const schema: SchemaToStore = { ...prepared, ...final, fingerprint: identityFingerprint({ ...prepared, ...final }) };
  const row: NewVersionRow = {
    subject,
    version,
    semver: decision.semver,
    ...final,
    examples: request.examples,
    audit: {
      principal: registration.actor.principal,
      action: mode === 'IMPORT' ? 'schema.import' : 'schema.register',
      detail: { version, semver: decision.semver, bump: decision.bump },
    },
  };
  return { kind: 'new', decision, version, row, schema, contract: final, migrationRules };
}

/** The contract of a new version: see data-contract.ts for the order of the merge. */
function contractFor(request: RegisterRequest, previous: LiveVersion | undefined, config: EffectiveConfig, options: { inheritMigrationRules: boolean }): Contract {
  return mergeContract({ request: { metadata: request.metadata, ruleSet: request.ruleSet }, previous, config, ...options });
}

function definedContract(contract: Contract): Contract {
  return { ...(contract.metadata && { metadata: contract.metadata }), ...(contract.ruleSet && { ruleSet: contract.ruleSet }) };
}

/**
 * Decides and writes the registration against `state`. Returns undefined when, outside the lock,
 * the write found the subject busy or the schema stored meanwhile by another subject's writer.
 */
export async function attempt(
  registration: Registration,
  db: SqlExecutor,
  state: RegistrationState<SubjectConfig>,
  holdsLock: boolean,
): Promise<RegisterResult | undefined> {
  const { ctx, subject, request } = registration;
  const groupOf = groupFunction(settingsOf(state).config);
  const verdict = await judgeRegistration(registration, {
    state,
    policyVersions: () => loadPolicyVersions(ctx, db, subject, state.live, groupOf, holdsLock),
  });
  if (verdict.kind === 'existing') return idempotentResult(verdict.existing);
  const { version, row, decision, migrationRules, schema, contract } = verdict;
  const written = request.id !== undefined ? await writeImported(db, schema, request.id, row) : await writeRegistration(db, schema, row);
  const registered = { version, semver: decision.semver, contract, created: true, ...(migrationRules.length > 0 ? { migrationRules } : {}) };
  if (written !== undefined) return { ...written, ...registered };
  if (!holdsLock) return undefined;
  // Under the lock, only a schema stored by another subject's writer during the statement is left.
  const raced = await findSchemaByFingerprint(db, schema.fingerprint);
  const again = raced && (await writeRegistration(db, { id: raced.id }, row));
  if (again === undefined) throw new Error(`registering version ${version} of '${subject}' wrote nothing although the subject was locked`);
  return { ...again, ...registered };
}

/** IMPORT with an explicit id: the schema row is written on its own, so a clash of ids is reported. */
async function writeImported(
  db: SqlExecutor,
  schema: SchemaToStore,
  importId: number,
  row: NewVersionRow,
): Promise<{ id: number; guid: string } | undefined> {
  try {
    const id = await ensureSchema(db, { ...schema, id: importId });
    if (id !== importId) throw new RegistryError('ID_DOES_NOT_MATCH', `This schema is already registered with id ${id}, not ${importId}`);
    return await writeRegistration(db, { id }, row);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new RegistryError('ID_DOES_NOT_MATCH', `Schema id ${importId} is already taken by a different schema`, {}, { cause: error });
    }
    throw error;
  }
}

export function assertWritable(mode: RegistryMode, subject: string, request: RegisterRequest): void {
  if (mode === 'READONLY' || mode === 'READONLY_OVERRIDE') {
    throw new RegistryError('OPERATION_NOT_PERMITTED', `Subject '${subject}' is in read-only mode`);
  }
  if (mode !== 'IMPORT' && (request.id !== undefined || request.version !== undefined)) {
    throw new RegistryError('OPERATION_NOT_PERMITTED', 'Registering with an explicit id or version requires IMPORT mode');
  }
}

/** Examples are judged by the validator events will meet, built where a large schema compiles (the pool). */
export async function assertExamplesValid(ctx: RegistryContext, candidate: SchemaInput, text: string, examples: readonly unknown[]): Promise<void> {
  if (examples.length === 0) return;
  const validator = await poolValidators(ctx.compiler)(candidate, text);
  examples.forEach((example, index) => {
    const outcome = validator.check(example);
    if (!outcome.valid) {
      throw new RegistryError('INVALID_EVENT', `examples[${index}] is not valid under the schema being registered`, {
        errors: outcome.errors,
      });
    }
  });
}

function idempotentResult(existing: LiveVersion): RegisterResult {
  const contract = { metadata: existing.metadata, ruleSet: existing.ruleSet };
  return { id: existing.id, guid: existing.guid, version: existing.version, semver: existing.semver, contract, created: false };
}

export async function loadPolicyVersions(
  ctx: RegistryContext,
  db: SqlExecutor,
  subject: string,
  live: readonly LiveVersion[],
  groupOf: GroupOf,
  exclusive: boolean,
): Promise<PolicyVersion[]> {
  const loaded = await ctx.schemas.loadMany(
    db,
    live.map((version) => version.id),
    { exclusive },
  );
  return live.map((version) => {
    const schema = loaded.get(version.id);
    if (!schema) throw new Error(`version ${version.version} of '${subject}' points at missing schema ${version.id}`);
    return { version: version.version, semver: version.semver, input: schema.input, group: groupOf(version) };
  });
}

/** Confluent's `confluent:version` property, when present, names the version it is registered as. */
function withConfluentVersion(metadata: VersionMetadata | undefined, version: number): VersionMetadata | undefined {
  if (metadata?.properties?.['confluent:version'] === undefined) return metadata;
  return { ...metadata, properties: { ...metadata.properties, 'confluent:version': String(version) } };
}

/** Keeps `metadata.properties.semver` in step with the version's semver for Confluent-only clients. */
function withSemver(metadata: VersionMetadata | undefined, version: string): VersionMetadata | undefined {
  if (!metadata?.properties?.semver) return metadata;
  return { ...metadata, properties: { ...metadata.properties, semver: version } };
}

function nextImportSemver(live: readonly LiveVersion[]): string {
  const latest = live.at(-1);
  return latest ? semver.inc(latest.semver, 'minor')! : '1.0.0';
}
