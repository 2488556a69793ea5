import type { ValidateFunction } from 'ajv';
import type { JsonSchema, ReferencedSchemas } from '../types.js';
import { createValidator } from '../validator/create-validator.js';

/** Compiled once per (schema, references). */
const compiled = new WeakMap<object, WeakMap<object, ValidateFunction | null>>();
const NO_REFS: ReferencedSchemas = Object.freeze({});

/**
 * The factory's validator for a schema with its named references (ajv's function), or null when
 * none can be built. Verification needs only a yes/no, so no error messages and no code
 * optimisation (compiles ~4× faster).
 */
export function compileValidator(schema: JsonSchema, references: ReferencedSchemas = NO_REFS): ValidateFunction | null {
  if (typeof schema === 'boolean') return build(schema, references);
  let byRefs = compiled.get(schema);
  if (!byRefs) compiled.set(schema, (byRefs = new WeakMap()));
  const hit = byRefs.get(references as object);
  if (hit !== undefined) return hit;
  const v = build(schema, references);
  byRefs.set(references as object, v);
  return v;
}

function build(schema: JsonSchema, references: ReferencedSchemas): ValidateFunction | null {
  const built = createValidator(schema, references, { messages: false, optimize: false });
  return built.ok ? built.validator.fn : null;
}
