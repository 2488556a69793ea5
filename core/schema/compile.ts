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
export function compileSchema(
  schema: JsonSchema,
  references: ReferencedSchemas = {},
  options: { metaSchemaChecked?: boolean } = {},
): CompiledSchema {
  const draft = draftOf(schema);
  // A fresh ajv compiles the draft's meta-schema before the first schema it validates: skip that
  // when the caller has just run metaSchemaErrors itself.
  const ajv = createAjv(draft, options.metaSchemaChecked ? { validateSchema: false } : {});
  for (const [name, referenced] of Object.entries(references)) ajv.addSchema(withoutMetaSchema(referenced) as object, name);
  return { validate: ajv.compile(withoutMetaSchema(schema) as object), draft };
}

// One ajv per draft for meta-schema checks: `validateSchema` adds nothing to the instance, and
// compiling the draft's meta-schema afresh on every registration cost most of its CPU time.
const metaValidators = new Map<ReturnType<typeof draftOf>, ReturnType<typeof createAjv>>();
function metaValidator(draft: ReturnType<typeof draftOf>) {
  let ajv = metaValidators.get(draft);
  if (!ajv) metaValidators.set(draft, (ajv = createAjv(draft)));
  return ajv;
}

/** Meta-schema validation for the schema's own draft: ajv's error text, or undefined when valid. */
export function metaSchemaErrors(schema: JsonSchema): string | undefined {
  const ajv = metaValidator(draftOf(schema));
  const valid = ajv.validateSchema(withoutMetaSchema(schema) as object);
  return valid ? undefined : ajv.errorsText(ajv.errors, { dataVar: 'schema' });
}

export function withoutMetaSchema(schema: JsonSchema): JsonSchema {
  if (typeof schema !== 'object' || schema === null || !('$schema' in schema)) return schema;
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

export type { ErrorObject };
