import type { ErrorObject, ValidateFunction } from 'ajv';
import { draftOf } from './draft.js';
import type { JsonSchema, ReferencedSchemas } from './types.js';
import { createValidatorOrThrow } from './validator/create-validator.js';

/** A compiled validator plus the draft it was compiled for. */
export interface CompiledSchema {
  validate: ValidateFunction;
  draft: ReturnType<typeof draftOf>;
}

/**
 * Compiles a schema with its named references through the validator factory, throwing
 * INVALID_SCHEMA (42201) when it cannot. Callers that want the failure as data use
 * `createValidator` (core/schema/validator).
 */
export function compileSchema(
  schema: JsonSchema,
  references: ReferencedSchemas = {},
  options: { metaSchemaChecked?: boolean } = {},
): CompiledSchema {
  return { validate: createValidatorOrThrow(schema, references, options).fn, draft: draftOf(schema) };
}

export { metaSchemaErrors } from './validator/meta-schema.js';

export type { ErrorObject };
