import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import type { JsonSchema, ReferencedSchemas } from '../types.js';
import * as runtime from '../runtime.js';
import { prepare, withReferences, type SchemaValidator, type ValidatorOptions } from './create-validator.js';
import { runValidator } from '../run-validator.js';
import { dialectOf } from './dialect.js';
import type { ValidatorFailure } from './failure.js';
import { forAjv } from './for-ajv.js';
import { newAjv } from './new-ajv.js';

// ajv ships CommonJS; under NodeNext its default export arrives wrapped.
const standaloneCode = ((standaloneModule as { default?: unknown }).default ?? standaloneModule) as typeof standaloneModule.default;

export type SourceBuild = { ok: true; source: string } | { ok: false; failure: ValidatorFailure };

/**
 * The validator `createValidator` would build, as JavaScript source (ajv's standalone mode): the
 * same dialect, options, RE2 patterns and `uniqueItems`. Runtime helpers are `require`d —
 * `charter/runtime` for Charter's (RE2 patterns, `uniqueItems`), ajv's and ajv-formats' own.
 * A fresh ajv per call keeps ajv's internal counters, and so the source, deterministic.
 */
export function validatorSource(
  schema: JsonSchema,
  references: ReferencedSchemas = {},
  options: ValidatorOptions & { esm?: boolean; lines?: boolean } = {},
): SourceBuild {
  const prepared = prepare(schema, references, options);
  if (!prepared.ok) return prepared;
  try {
    const ajv = newAjv(prepared.dialect, { ...options, source: true, esm: options.esm, lines: options.lines });
    withReferences(ajv, schema, references, prepared.dialect);
    const fn = ajv.compile(forAjv(schema, prepared.dialect) as object);
    return { ok: true, source: standaloneCode(ajv, fn) };
  } catch (error) {
    return { ok: false, failure: { kind: 'invalid-schema', message: (error as Error).message, cause: error } };
  }
}

const requireHere = createRequire(import.meta.url);
const requireForSource = (id: string): unknown => (id === 'charter/runtime' ? runtime : requireHere(id));

/**
 * Loads CommonJS source from `validatorSource` as a function — the cheap half of a compile, so
 * the expensive half can run on a worker (server/compile-pool) and only this runs on the event loop.
 */
export function validatorFromSource(source: string): ValidateFunction {
  const module = { exports: {} as { default?: ValidateFunction } };
  new Function('require', 'module', 'exports', source)(requireForSource, module, module.exports);
  const fn = (module.exports.default ?? module.exports) as ValidateFunction;
  if (typeof fn !== 'function') throw new Error('the validator source exports no function');
  return fn;
}

/** A validator loaded from `validatorSource` output for `schema`, shaped as `createValidator`'s. */
export function loadValidator(source: string, schema: JsonSchema): SchemaValidator {
  const fn = validatorFromSource(source);
  return { dialect: dialectOf(schema), fn, check: (value) => runValidator(fn, value) };
}
