import type { ErrorObject } from 'ajv';
import { createAjv, type AnyAjv } from '../../core/schema/ajv.js';
import { draftOf } from '../../core/schema/draft.js';
import type { Draft, JsonSchema, ReferencedSchemas } from '../../core/schema/types.js';

/** A compiled schema check. Returns `undefined` when valid so the hot path allocates nothing. */
export type Validator = (data: unknown) => ErrorObject[] | undefined;

// One ajv per draft for schemas without references. `addUsedSchema: false` keeps compiled schemas
// out of the instance's registry, so versions sharing an `$id` do not collide and memory is only
// held by the returned function (and our caches).
const shared = new Map<Draft, AnyAjv>();

function ajvFor(draft: Draft): AnyAjv {
  let ajv = shared.get(draft);
  if (ajv === undefined) {
    ajv = createAjv(draft, { addUsedSchema: false });
    shared.set(draft, ajv);
  }
  return ajv;
}

/**
 * Compiles a schema (and the schemas it references by name) into a `Validator`.
 *
 * @example
 *   const check = compileValidator({ type: 'object', required: ['orderId'] });
 *   check({}) // [{ keyword: 'required', ... }]
 */
export function compileValidator(schema: JsonSchema, references: ReferencedSchemas = {}): Validator {
  const draft = draftOf(schema);
  const names = Object.keys(references);
  let ajv: AnyAjv;
  if (names.length === 0) {
    ajv = ajvFor(draft);
  } else {
    // References are keyed by name, and names are only unique per referring schema: a fresh instance.
    ajv = createAjv(draft, { addUsedSchema: false });
    for (const name of names) ajv.addSchema(references[name] as object, name);
  }
  const validate = ajv.compile(schema as object);
  return (data) => (validate(data) ? undefined : (validate.errors ?? []));
}
