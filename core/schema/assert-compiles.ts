import type { JsonSchema, ReferencedSchemas } from './types.js';
import { createValidator } from './validator/create-validator.js';
import type { Dialect } from './validator/dialect.js';

/**
 * Throws, with the factory's message, when a schema (already meta-schema valid) yields no
 * validator: a `$ref` that resolves nowhere, an identifier defined twice, a pattern RE2 cannot
 * read, a validation cost without bound. Registration only needs that verdict, so no error
 * messages and no code optimisation are generated.
 */
export function assertCompiles(schema: JsonSchema, references: ReferencedSchemas = {}, dialect?: Dialect): void {
  const built = createValidator(schema, references, { metaSchemaChecked: true, messages: false, optimize: false, dialect });
  if (!built.ok) throw new Error(built.failure.message, { cause: built.failure.cause });
}
