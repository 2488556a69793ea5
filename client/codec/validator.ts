import type { ErrorObject } from 'ajv';
import type { JsonSchema, ReferencedSchemas } from '../../core/schema/types.js';
import { createValidator, type SchemaValidator } from '../../core/schema/validator/index.js';

/** A compiled schema check. Returns `undefined` when valid so the hot path allocates nothing. */
export type Validator = (data: unknown) => ErrorObject[] | undefined;

/**
 * The factory's validator (core/schema/validator) for a schema and the schemas it references by
 * name, as the SDK calls it: the same dialects, reference closure, options and bounds as the
 * registry. A schema no validator can be built for — invalid, unresolvable, or too expensive to
 * validate — fails every event with the reason instead of throwing.
 *
 * @example
 *   const check = compileEventValidator({ type: 'object', required: ['orderId'] });
 *   check({}) // [{ keyword: 'required', ... }]
 */
export function compileEventValidator(schema: JsonSchema, references: ReferencedSchemas = {}): Validator {
  // Compiled on first use: a consumer caches every version of a subject (to plan migrations) but
  // validates only against the few it reads or writes, and compiled code is most of the memory.
  let built: SchemaValidator | ErrorObject[] | undefined;
  return (data) => {
    built ??= compile(schema, references);
    if (Array.isArray(built)) return built;
    const { fn } = built;
    try {
      return fn(data) ? undefined : (fn.errors ?? []);
    } catch (error) {
      // A few schema shapes make ajv's generated code throw at validation time: report it as an
      // invalid event (dead-lettered with the reason) rather than crash the consumer.
      return [{ instancePath: '', schemaPath: '#', keyword: 'validator', params: {}, message: `the validator failed: ${(error as Error).message}` }];
    }
  };
}

function compile(schema: JsonSchema, references: ReferencedSchemas): SchemaValidator | ErrorObject[] {
  const built = createValidator(schema, references);
  if (built.ok) return built.validator;
  return [{ instancePath: '', schemaPath: '#', keyword: 'schema', params: { reason: built.failure.kind }, message: `no validator can be built for the schema: ${built.failure.message}` }];
}
