import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from './ajv.js';
import { draftOf } from './draft.js';
import type { JsonSchema, ReferencedSchemas } from './types.js';

/** A compiled validator plus the draft it was compiled for. */
export interface CompiledSchema {
  validate: ValidateFunction;
  draft: ReturnType<typeof draftOf>;
}

/**
 * Compiles a schema with its named references, never touching the network: a `$ref` that is
 * neither internal nor one of `references` fails compilation. `$schema` is stripped before ajv
 * sees it (the draft is chosen from it first), so draft-04/06 documents and references written
 * in another draft compile on one ajv instance.
 */
export function compileSchema(schema: JsonSchema, references: ReferencedSchemas = {}): CompiledSchema {
  const draft = draftOf(schema);
  const ajv = createAjv(draft);
  for (const [name, referenced] of Object.entries(references)) ajv.addSchema(withoutMetaSchema(referenced) as object, name);
  return { validate: ajv.compile(withoutMetaSchema(schema) as object), draft };
}

/** Meta-schema validation for the schema's own draft: ajv's error text, or undefined when valid. */
export function metaSchemaErrors(schema: JsonSchema): string | undefined {
  const ajv = createAjv(draftOf(schema));
  const valid = ajv.validateSchema(withoutMetaSchema(schema) as object);
  return valid ? undefined : ajv.errorsText(ajv.errors, { dataVar: 'schema' });
}

export function withoutMetaSchema(schema: JsonSchema): JsonSchema {
  if (typeof schema !== 'object' || schema === null || !('$schema' in schema)) return schema;
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

export type { ErrorObject };
