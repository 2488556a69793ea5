import type { Ajv, ValidateFunction } from 'ajv';
import type { JsonSchema } from '../types.js';
import { dialectOf, metaSchemaUri, type Dialect } from './dialect.js';
import { newAjv } from './new-ajv.js';

// One compiled meta-schema per dialect: compiling it afresh for every schema cost most of a
// registration's CPU time.
const checkers = new Map<Dialect, { ajv: Ajv; validate: ValidateFunction }>();

function checkerFor(dialect: Dialect) {
  let checker = checkers.get(dialect);
  if (!checker) {
    const ajv = newAjv(dialect);
    const validate = ajv.getSchema(metaSchemaUri[dialect]);
    if (!validate) throw new Error(`ajv has no meta-schema for ${dialect}`);
    checkers.set(dialect, (checker = { ajv, validate }));
  }
  return checker;
}

/**
 * Checks a schema against a dialect's meta-schema (by default its own): ajv's error text, or
 * undefined when valid. References are checked against their root's dialect.
 */
export function metaSchemaErrors(schema: JsonSchema, dialect: Dialect = dialectOf(schema)): string | undefined {
  const { ajv, validate } = checkerFor(dialect);
  if (validate(schema)) return undefined;
  return ajv.errorsText(validate.errors, { dataVar: 'schema' });
}
