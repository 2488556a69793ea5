import semver from 'semver';
import type { RuleSet } from '../../core/migrate/index.js';
import { RegistryError } from '../../core/errors/index.js';
import { checkDomainRules } from '../../core/rules/index.js';
import type { SchemaReference, VersionMetadata } from './model.js';

/** A registration body after its shape has been checked (the schema itself is checked later). */
export interface RegisterRequest {
  schema: unknown;
  schemaType?: unknown;
  references: SchemaReference[];
  metadata?: VersionMetadata;
  ruleSet?: RuleSet;
  /** The declared semver: the `semver` extension field, else `metadata.properties.semver`. */
  semver?: string;
  /** Example events of this version (extension): validated, stored, and used to verify rules. */
  examples: unknown[];
  /** IMPORT mode only: the id and version to register under. */
  id?: number;
  version?: number;
}

const fail = (message: string) => new RegistryError('INVALID_SCHEMA', message);

/** Checks the fields of `POST /subjects/{s}/versions` one by one, naming the field that is wrong. */
export function parseRegisterRequest(body: unknown): RegisterRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RegistryError('BAD_REQUEST', 'The request body must be a JSON object with a "schema" field');
  }
  const input = body as Record<string, unknown>;
  if (input.schema === undefined) throw fail('The request body has no "schema" field');
  const request: RegisterRequest = {
    schema: input.schema,
    schemaType: input.schemaType,
    references: parseReferences(input.references),
    examples: [],
  };
  if (input.metadata !== undefined && input.metadata !== null) request.metadata = parseMetadata(input.metadata);
  if (input.ruleSet !== undefined && input.ruleSet !== null) request.ruleSet = parseRuleSet(input.ruleSet);
  const declared = input.semver ?? request.metadata?.properties?.semver;
  if (declared !== undefined) {
    if (typeof declared !== 'string' || semver.valid(declared) !== declared) {
      throw new RegistryError('INVALID_SEMVER', `Declared semver ${JSON.stringify(declared)} is not a semantic version such as 1.2.0`);
    }
    request.semver = declared;
  }
  if (input.examples !== undefined) {
    if (!Array.isArray(input.examples) || input.examples.length > 1000) throw fail('"examples" must be an array of at most 1000 example events');
    request.examples = input.examples;
  }
  if (input.id !== undefined) request.id = positiveInt(input.id, 'id');
  if (input.version !== undefined) request.version = positiveInt(input.version, 'version');
  return request;
}

function parseReferences(value: unknown): SchemaReference[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 100) throw fail('"references" must be an array of at most 100 {name, subject, version} objects');
  const names = new Set<string>();
  return value.map((ref, index) => {
    const r = ref as Record<string, unknown> | null;
    if (r === null || typeof r !== 'object' || typeof r.name !== 'string' || typeof r.subject !== 'string' || r.name.length === 0) {
      throw fail(`references[${index}] must be an object {name, subject, version}`);
    }
    if (names.has(r.name)) throw fail(`references[${index}] repeats the name '${r.name}'`);
    names.add(r.name);
    const version = r.version === -1 || r.version === 'latest' ? -1 : positiveInt(r.version, `references[${index}].version`);
    return { name: r.name, subject: r.subject, version };
  });
}

/** Confluent's metadata object; `field` names it in the error (the request's, or a config default's). */
export function parseMetadata(value: unknown, field = 'metadata'): VersionMetadata {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw fail(`"${field}" must be an object {tags?, properties?, sensitive?}`);
  const metadata = value as VersionMetadata;
  const properties = metadata.properties;
  if (properties !== undefined && (properties === null || typeof properties !== 'object' || Object.values(properties).some((v) => typeof v !== 'string'))) {
    throw fail(`"${field}.properties" must map names to string values`);
  }
  const { tags, sensitive } = metadata;
  if (tags !== undefined && (tags === null || typeof tags !== 'object' || Object.values(tags).some((v) => !Array.isArray(v) || v.some((t) => typeof t !== 'string')))) {
    throw fail(`"${field}.tags" must map paths to arrays of tag names`);
  }
  if (sensitive !== undefined && (!Array.isArray(sensitive) || sensitive.some((name) => typeof name !== 'string'))) {
    throw fail(`"${field}.sensitive" must be an array of property names`);
  }
  return metadata;
}

/** Confluent's rule set; `field` names it in the error (the request's, or a config default's). */
export function parseRuleSet(value: unknown, field = 'ruleSet'): RuleSet {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RegistryError('INVALID_RULESET', `"${field}" must be an object {migrationRules?, domainRules?}`);
  const ruleSet = value as Record<string, unknown>;
  for (const key of ['migrationRules', 'domainRules', 'encodingRules'] as const) {
    if (ruleSet[key] !== undefined && ruleSet[key] !== null && !Array.isArray(ruleSet[key])) throw new RegistryError('INVALID_RULESET', `"${field}.${key}" must be an array`);
  }
  const domainProblems = checkDomainRules(ruleSet.domainRules);
  if (domainProblems.length > 0) throw new RegistryError('INVALID_RULESET', `${field}: ${domainProblems.slice(0, 5).join('; ')}`, { problems: domainProblems });
  (ruleSet.migrationRules as unknown[] | undefined)?.forEach((rule, index) => {
    const r = rule as Record<string, unknown> | null;
    const where = `${field}.migrationRules[${index}]`;
    if (r === null || typeof r !== 'object') throw new RegistryError('INVALID_RULESET', `${where} must be an object`);
    if (typeof r.name !== 'string' || r.name.length === 0) throw new RegistryError('INVALID_RULESET', `${where}.name must be a non-empty string`);
    if (r.kind !== 'TRANSFORM') throw new RegistryError('INVALID_RULESET', `${where}.kind must be "TRANSFORM"`);
    if (r.type !== 'JSONATA') throw new RegistryError('INVALID_RULESET', `${where}.type must be "JSONATA" (the only rule type Charter runs)`);
    if (!['UPGRADE', 'DOWNGRADE', 'UPDOWN'].includes(r.mode as string)) {
      throw new RegistryError('INVALID_RULESET', `${where}.mode must be UPGRADE, DOWNGRADE or UPDOWN`);
    }
    if (typeof r.expr !== 'string' || r.expr.length === 0) throw new RegistryError('INVALID_RULESET', `${where}.expr must be a JSONata expression`);
  });
  return value as RuleSet;
}

function positiveInt(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2_147_483_647) {
    throw new RegistryError('INVALID_VERSION', `${field} must be an integer from 1 to 2147483647`);
  }
  return value;
}
