import type { ErrorObject, Options } from 'ajv';
import { createAjv, type AnyAjv } from '../../core/schema/ajv.js';
import { draftOf } from '../../core/schema/draft.js';
import type { Draft, JsonSchema, ReferencedSchemas } from '../../core/schema/types.js';

/** A compiled schema check. Returns `undefined` when valid so the hot path allocates nothing. */
export type Validator = (data: unknown) => ErrorObject[] | undefined;

// Two ajv flavours per draft. The hot path runs a validator compiled with `allErrors: false`
// (smaller code, stops at the first error); only when an event fails is the `allErrors` one
// compiled, once, to report every error. `addUsedSchema: false` keeps compiled schemas out of the
// instance's registry, so versions sharing an `$id` do not collide.
const fastOptions: Options = { addUsedSchema: false, allErrors: false };
const fullOptions: Options = { addUsedSchema: false, allErrors: true };
const shared = new Map<string, AnyAjv>();

function ajvFor(draft: Draft, options: Options, references: ReferencedSchemas): AnyAjv {
  const names = Object.keys(references);
  if (names.length > 0) {
    // References are keyed by name, and names are only unique per referring schema: a fresh instance.
    const ajv = createAjv(draft, options);
    for (const name of names) ajv.addSchema(references[name] as object, name);
    return ajv;
  }
  const key = `${draft}/${String(options.allErrors)}`;
  let ajv = shared.get(key);
  if (ajv === undefined) shared.set(key, (ajv = createAjv(draft, options)));
  return ajv;
}

/**
 * Compiles a schema (and the schemas it references by name) into a `Validator`. An invalid schema
 * throws on first use, not here.
 *
 * @example
 *   const check = compileValidator({ type: 'object', required: ['orderId'] });
 *   check({}) // [{ keyword: 'required', ... }]
 */
export function compileValidator(schema: JsonSchema, references: ReferencedSchemas = {}): Validator {
  const draft = draftOf(schema);
  // Compiled on first use: a consumer caches every version of a subject (to plan migrations) but
  // validates only against the few it reads or writes, and compiled code is most of the memory.
  let fast: ReturnType<AnyAjv['compile']> | undefined;
  let full: ReturnType<AnyAjv['compile']> | undefined;
  return (data) => {
    fast ??= ajvFor(draft, fastOptions, references).compile(schema as object);
    try {
      if (fast(data)) return undefined;
      full ??= ajvFor(draft, fullOptions, references).compile(schema as object);
      full(data);
      return full.errors ?? fast.errors ?? [];
    } catch (error) {
      // A few schema shapes make ajv's generated code throw at validation time: report it as an
      // invalid event (dead-lettered with the reason) rather than crash the consumer.
      return [{ instancePath: '', schemaPath: '#', keyword: 'validator', params: {}, message: `the validator failed: ${(error as Error).message}` }];
    }
  };
}
