import type { ValidateFunction } from 'ajv';
import { compatDraft, isObject } from '../../compat/document/index.js';
import { createAjv } from '../ajv.js';
import type { Draft, JsonSchema, ReferencedSchemas } from '../types.js';
import { forAjv, hasId } from './ajv-input.js';

/** ajv, compiled once per (schema, references). */
const compiled = new WeakMap<object, WeakMap<object, ValidateFunction | null>>();
const NO_REFS: ReferencedSchemas = Object.freeze({});

/**
 * An ajv validator for a schema with its named references, or null when ajv cannot compile it.
 * No remote schema is ever loaded.
 */
export function compileValidator(schema: JsonSchema, references: ReferencedSchemas = NO_REFS): ValidateFunction | null {
  if (typeof schema === 'boolean') return compileUncached(schema, references);
  let byRefs = compiled.get(schema);
  if (!byRefs) compiled.set(schema, (byRefs = new WeakMap()));
  const hit = byRefs.get(references as object);
  if (hit !== undefined) return hit;
  const v = compileUncached(schema, references);
  byRefs.set(references as object, v);
  return v;
}

/**
 * Verification needs only a yes/no, so no error messages and no code optimisation (compiles ~4×
 * faster). `allErrors` stays on as in the registry: ajv 8 with `allErrors: false` wrongly accepts
 * `[]` under `{prefixItems, items, contains, minContains: 1, maxContains}`.
 */
const VERIFY_OPTIONS = { allErrors: true, messages: false, code: { optimize: false } } as const;
const shared = new Map<string, { ajv: ReturnType<typeof createAjv>; uses: number }>();

/** One ajv per draft for schemas without `$id` or references (compiling a meta-schema is slow). */
function sharedAjv(draft: Draft): ReturnType<typeof createAjv> {
  let entry = shared.get(draft);
  if (!entry || entry.uses > 2000) {
    entry = { ajv: createAjv(draft, VERIFY_OPTIONS), uses: 0 };
    shared.set(draft, entry);
  }
  entry.uses++;
  return entry.ajv;
}

function compileUncached(schema: JsonSchema, references: ReferencedSchemas): ValidateFunction | null {
  try {
    const draft = compatDraft(schema);
    const root = forAjv(schema, draft);
    const names = Object.keys(references);
    if (names.length === 0 && !hasId(schema)) return sharedAjv(draft).compile(root as object);
    // Meta-validate with the shared instance, compile in a fresh one (ids and reference names are per document).
    const meta = sharedAjv(draft);
    if (typeof root === 'object' && !meta.validateSchema(root as object)) return null;
    const ajv = createAjv(draft, { ...VERIFY_OPTIONS, validateSchema: false });
    const rootId = isObject(schema) && typeof schema.$id === 'string' ? schema.$id : undefined;
    for (const name of names) {
      const ref = references[name];
      const body = forAjv(ref, compatDraft(ref));
      // A referenced schema is known by its name; its own $id would clash across documents.
      const copy = isObject(body) ? { ...body } : body;
      if (isObject(copy)) {
        delete copy.$id;
        delete copy.$schema;
      }
      try {
        ajv.addSchema(copy as object, name);
        if (rootId) {
          const abs = new URL(name, new URL(rootId, 'https://charter.invalid/')).href;
          if (abs !== name) ajv.addSchema(copy as object, abs);
        }
      } catch {
        /* duplicate or invalid reference: compilation below reports what matters */
      }
    }
    return ajv.compile(root as object);
  } catch {
    return null;
  }
}
