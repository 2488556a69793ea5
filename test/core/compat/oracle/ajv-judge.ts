/**
 * The judge: the registry's own validator factory (core/schema/validator — ajv, with the options,
 * dialects and reference handling every Charter validator uses). A schema it refuses is one the
 * registry refuses too, so such pairs are skipped.
 */
import { createValidator } from '../../../../core/schema/validator/index.js';
import type { JsonSchema, ReferencedSchemas } from '../../../../core/schema/types.js';

export function judge(schema: JsonSchema, refs: ReferencedSchemas = {}): ((event: unknown) => boolean | undefined) | undefined {
  const built = createValidator(schema, refs, { messages: false, optimize: false });
  if (!built.ok) return undefined;
  const fn = built.validator.fn;
  return (event) => {
    try {
      return fn(event) === true;
    } catch {
      // ajv 8.20 throws inside some generated validators: no decision
      return undefined;
    }
  };
}
