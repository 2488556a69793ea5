import type { Ajv } from 'ajv';
import { createAjv } from './ajv.js';
import { withoutMetaSchema } from './compile.js';
import { draftOf } from './draft.js';
import type { Draft, JsonSchema, ReferencedSchemas } from './types.js';

/**
 * Throws ajv's compile error when a schema (already meta-schema valid) does not compile: a `$ref`
 * that resolves nowhere, an identifier defined twice, a pattern RE2 cannot read.
 *
 * Registration only needs that verdict, so it reuses one ajv per draft instead of building one per
 * call (the constructor and ajv-formats were a third of a small schema's check). After every check
 * the instance is emptied of what was added, so no `$id` or reference leaks into the next one; it is
 * also replaced every RECYCLE_AFTER checks and after any failure, because ajv's code scope keeps a
 * little of every compiled schema and cannot be emptied.
 */
const RECYCLE_AFTER = 500;

interface Checker {
  ajv: Ajv;
  uses: number;
}

const checkers = new Map<Draft, Checker>();

function checkerFor(draft: Draft): Checker {
  let checker = checkers.get(draft);
  if (!checker || checker.uses >= RECYCLE_AFTER) {
    // Only the verdict matters: skip the meta-schema (the caller checked it), code optimisation and
    // the error message texts of the generated code (compile errors keep their messages).
    checker = { ajv: createAjv(draft, { validateSchema: false, messages: false, code: { optimize: false } }), uses: 0 };
    checkers.set(draft, checker);
  }
  return checker;
}

export function assertCompiles(schema: JsonSchema, references: ReferencedSchemas = {}): void {
  const draft = draftOf(schema);
  const checker = checkerFor(draft);
  checker.uses++;
  let clean = false;
  try {
    for (const [name, referenced] of Object.entries(references)) checker.ajv.addSchema(withoutMetaSchema(referenced) as object, name);
    checker.ajv.compile(withoutMetaSchema(schema) as object);
    clean = true;
  } finally {
    if (clean) checker.ajv.removeSchema();
    else checkers.delete(draft);
  }
}
