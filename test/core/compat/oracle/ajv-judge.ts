/**
 * The judge: ajv, set up as the registry sets it up (core/schema/ajv.ts options, references added
 * under their names to the root's draft instance, `$schema` stripped — core/schema/compile.ts).
 * Schemas without references or identifiers share one instance per draft, recycled now and then.
 */
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../../../../core/schema/ajv.js';
import { withoutMetaSchema } from '../../../../core/schema/compile.js';
import { draftOf } from '../../../../core/schema/draft.js';
import type { JsonSchema, ReferencedSchemas } from '../../../../core/schema/types.js';

const shared = new Map<string, { ajv: ReturnType<typeof createAjv>; uses: number }>();

function hasId(schema: unknown): boolean {
  return JSON.stringify(schema).includes('"$id"');
}

/** A validator, or undefined when ajv refuses the schema (the registry would refuse it too). */
export function judge(schema: JsonSchema, refs: ReferencedSchemas = {}): ((event: unknown) => boolean | undefined) | undefined {
  let validate: ValidateFunction;
  try {
    const draft = draftOf(schema);
    let entry = shared.get(draft);
    if (!entry || entry.uses > 400) shared.set(draft, (entry = { ajv: createAjv(draft, { code: { optimize: false } }), uses: 0 }));
    entry.uses++;
    if (Object.keys(refs).length === 0 && !hasId(schema)) {
      validate = entry.ajv.compile(withoutMetaSchema(schema) as object);
    } else {
      // identifiers and names are per document: a fresh instance, the meta-schema checked on the shared one
      for (const s of [schema, ...Object.values(refs)]) if (typeof s === 'object' && !entry.ajv.validateSchema(withoutMetaSchema(s) as object)) return undefined;
      const ajv = createAjv(draft, { code: { optimize: false }, validateSchema: false });
      for (const [name, referenced] of Object.entries(refs)) ajv.addSchema(withoutMetaSchema(referenced) as object, name);
      validate = ajv.compile(withoutMetaSchema(schema) as object);
    }
  } catch {
    return undefined;
  }
  return (event) => {
    try {
      return validate(event) === true;
    } catch {
      // ajv 8.20 throws inside some generated validators: no decision
      return undefined;
    }
  };
}
