import type { Ajv, ValidateFunction } from 'ajv';
import { RegistryError } from '../../errors/index.js';
import { runValidator, type ValidationOutcome } from '../run-validator.js';
import type { JsonSchema, ReferencedSchemas } from '../types.js';
import { dialectOf, type Dialect } from './dialect.js';
import type { ValidatorFailure } from './failure.js';
import { forAjv } from './for-ajv.js';
import { metaSchemaErrors } from './meta-schema.js';
import { newAjv, type AjvTuning } from './new-ajv.js';
import { validationCost, MAX_VALIDATION_COST } from './validation-cost.js';

export interface ValidatorOptions extends AjvTuning {
  /** Skip the meta-schema check when the caller has just made it (registration). */
  metaSchemaChecked?: boolean;
  /** Most schema applications one value may cost (default MAX_VALIDATION_COST). */
  maxCost?: number;
  /** Compile in this dialect rather than the one the schema declares (a piece of a larger document). */
  dialect?: Dialect;
}

/** A compiled schema. `check` never throws; `fn` is ajv's function for hot paths. */
export interface SchemaValidator {
  readonly dialect: Dialect;
  readonly fn: ValidateFunction;
  check(value: unknown): ValidationOutcome;
}

export type ValidatorBuild = { ok: true; validator: SchemaValidator } | { ok: false; failure: ValidatorFailure };

const NO_REFERENCES: ReferencedSchemas = Object.freeze({});

/**
 * The one way Charter turns a schema into a validator — in the registry, the SDK, the CLI,
 * migration verification and (through `validatorSource`) generated code:
 * schema + named references + options → validator, or a failure saying why not.
 *
 * The root's dialect governs the whole reference closure; references are known by their name
 * (Confluent style), and also by that name resolved against the root's `$id`. Nothing is fetched.
 *
 * @example
 * const built = createValidator({ type: 'object', required: ['orderId'] });
 * if (built.ok) built.validator.check({}); // { valid: false, errors: [{ keyword: 'required', … }] }
 */
export function createValidator(schema: JsonSchema, references: ReferencedSchemas = NO_REFERENCES, options: ValidatorOptions = {}): ValidatorBuild {
  const prepared = prepare(schema, references, options);
  if (!prepared.ok) return prepared;
  const { dialect } = prepared;
  const names = Object.keys(references);
  let ajv: Ajv;
  try {
    ajv = names.length === 0 ? sharedAjv(dialect, options) : withReferences(newAjv(dialect, options), schema, references, dialect);
    const fn = ajv.compile(forAjv(schema, dialect) as object);
    return { ok: true, validator: { dialect, fn, check: (value) => runValidator(fn, value) } };
  } catch (error) {
    if (names.length === 0) shared.delete(sharedKey(dialect, options));
    return { ok: false, failure: compileFailure(error) };
  }
}

/**
 * `createValidator` for callers that answer a request: the failure as INVALID_SCHEMA (42201).
 */
export function createValidatorOrThrow(schema: JsonSchema, references?: ReferencedSchemas, options?: ValidatorOptions): SchemaValidator {
  const built = createValidator(schema, references, options);
  if (built.ok) return built.validator;
  throw new RegistryError('INVALID_SCHEMA', `Invalid schema: ${built.failure.message}`, { reason: built.failure.kind }, { cause: built.failure.cause });
}

/** The checks made before ajv sees a schema: meta-schemas (root's dialect) and the cost bound. */
export function prepare(
  schema: JsonSchema,
  references: ReferencedSchemas,
  options: ValidatorOptions,
): { ok: true; dialect: Dialect } | { ok: false; failure: ValidatorFailure } {
  const dialect = options.dialect ?? dialectOf(schema);
  if (!options.metaSchemaChecked) {
    const meta = metaSchemaErrors(schema, dialect);
    if (meta) return { ok: false, failure: { kind: 'invalid-schema', message: meta } };
  }
  for (const [name, referenced] of Object.entries(references)) {
    const meta = metaSchemaErrors(referenced, dialect);
    if (meta) return { ok: false, failure: { kind: 'invalid-schema', message: `reference '${name}' is not valid ${dialect} JSON Schema: ${meta}` } };
  }
  const cost = validationCost(schema, references, options.maxCost ?? MAX_VALIDATION_COST);
  if (!cost.bounded) return { ok: false, failure: { kind: 'too-expensive', message: cost.reason } };
  return { ok: true, dialect };
}

/**
 * Adds the references to a fresh ajv: by name, by name resolved against the root's `$id`, and by
 * name resolved against every other reference's name (see `referenceNameAliases`). The engine's
 * reference index (core/compat/document/resolve-ref.ts, closureIndex) mirrors this order.
 */
export function withReferences(ajv: Ajv, schema: JsonSchema, references: ReferencedSchemas, dialect: Dialect): Ajv {
  const rootId = typeof schema === 'object' && typeof schema.$id === 'string' ? schema.$id : undefined;
  const bodies = new Map<string, object>();
  for (const [name, referenced] of Object.entries(references)) {
    const body = forAjv(referenced, dialect) as object;
    bodies.set(name, body);
    ajv.addSchema(body, name);
    const absolute = rootId === undefined ? name : resolveAgainst(name, rootId);
    if (absolute !== name && !ajv.getSchema(absolute)) ajv.addSchema(body, absolute);
  }
  for (const [alias, name] of referenceNameAliases(references, dialect === 'draft-04' ? 'id' : '$id')) {
    if (!ajv.getSchema(alias)) ajv.addSchema(bodies.get(name)!, alias);
  }
  return ajv;
}

/**
 * A Confluent reference name means the same schema in every document of the closure: a shared
 * schema registered as `common.Money/1.0.0` that writes `{"$ref": "common.Currency/1.0.0"}` means
 * the reference of that name, although JSON Schema resolves it against its own base
 * (`common.Money/common.Currency/1.0.0`). So each name is also known under its resolution against
 * every reference that takes its base from its name (no own identifier), when that URI is free.
 */
export function referenceNameAliases(references: ReferencedSchemas, idKey: '$id' | 'id'): Array<[alias: string, name: string]> {
  const names = Object.keys(references);
  if (names.length < 2) return [];
  const aliases: Array<[string, string]> = [];
  const taken = new Set(names);
  for (const base of names) {
    const body = references[base];
    if (typeof body === 'object' && body !== null && typeof body[idKey] === 'string' && !(body[idKey] as string).startsWith('#')) continue;
    for (const name of names) {
      if (name === base) continue;
      const alias = relativeResolution(name, base);
      if (alias === undefined || taken.has(alias)) continue;
      taken.add(alias);
      aliases.push([alias, name]);
    }
  }
  return aliases;
}

/** `name` resolved against `base` as ajv resolves a `$ref` in a schema whose base is `base`, without fragment. */
function relativeResolution(name: string, base: string): string | undefined {
  try {
    const root = 'https://charter.invalid/%00base/';
    const url = new URL(name, new URL(base, root));
    url.hash = '';
    return url.href.startsWith(root) ? url.href.slice(root.length) : url.href;
  } catch {
    return undefined;
  }
}

function resolveAgainst(name: string, base: string): string {
  try {
    return new URL(name, new URL(base, 'charter:/')).href;
  } catch {
    return name;
  }
}

function compileFailure(error: unknown): ValidatorFailure {
  if (error instanceof RegistryError) return { kind: 'unsupported-pattern', message: error.message, cause: error };
  return { kind: 'invalid-schema', message: error instanceof Error ? error.message : String(error), cause: error };
}

// One ajv per dialect and tuning for schemas without references (the constructor, formats and
// keyword set-up were a third of a small schema's compile). ajv keeps every compiled schema in
// its cache, so the instance is replaced every RECYCLE_AFTER compiles (validators already built
// keep working) and after any failure.
const RECYCLE_AFTER = 500;
const shared = new Map<string, { ajv: Ajv; uses: number }>();

const sharedKey = (dialect: Dialect, tuning: AjvTuning) => `${dialect}/${tuning.messages !== false}/${tuning.optimize !== false}/${Boolean(tuning.source)}`;

function sharedAjv(dialect: Dialect, tuning: AjvTuning): Ajv {
  const key = sharedKey(dialect, tuning);
  let entry = shared.get(key);
  if (!entry || entry.uses >= RECYCLE_AFTER) shared.set(key, (entry = { ajv: newAjv(dialect, tuning), uses: 0 }));
  entry.uses++;
  return entry.ajv;
}
