import type { JsonSchema } from '../types.js';
import type { Dialect } from './dialect.js';

/** Keywords whose values are data, not subschemas: never rewritten. */
const dataKeywords = new Set(['enum', 'const', 'examples', 'default', 'required']);

/**
 * The document ajv is given, which differs from the stored one in two ways:
 * - `$schema` is removed: the root's dialect governs the whole reference closure (a draft-07
 *   reference under a 2020-12 root is read as 2020-12, as when it is added to the root's ajv), and
 *   an ajv of one dialect does not know the other dialects' meta-schema URIs ("no schema with key
 *   or ref …");
 * - `enum: []` — allowed by the 2019-09 and 2020-12 meta-schemas, and matching nothing — becomes
 *   `not: true`, because ajv refuses an empty enum at compile time.
 * The input is never modified; unchanged subtrees are shared.
 */
export function forAjv(schema: JsonSchema, dialect: Dialect): JsonSchema {
  if (typeof schema !== 'object' || schema === null) return schema;
  const rewritten = dialect === 'draft-04' ? schema : (withoutEmptyEnums(schema, 0) as JsonSchema);
  if (typeof rewritten !== 'object' || !('$schema' in rewritten)) return rewritten;
  const { $schema: _ignored, ...rest } = rewritten;
  return rest;
}

const MAX_DEPTH = 512;

/** Keywords whose object value maps names (not keywords) to subschemas. */
const nameMaps = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies']);

function withoutEmptyEnums(node: unknown, depth: number, namesOnly = false): unknown {
  if (node === null || typeof node !== 'object' || depth > MAX_DEPTH) return node;
  if (Array.isArray(node)) {
    let out: unknown[] | undefined;
    node.forEach((item, i) => {
      const next = withoutEmptyEnums(item, depth + 1);
      if (next !== item) (out ??= [...node])[i] = next;
    });
    return out ?? node;
  }
  const record = node as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(record)) {
    if ((!namesOnly && dataKeywords.has(key)) || value === null || typeof value !== 'object') continue;
    const next = withoutEmptyEnums(value, depth + 1, !namesOnly && nameMaps.has(key));
    if (next !== value) (out ??= { ...record })[key] = next;
  }
  if (!namesOnly && Array.isArray(record.enum) && record.enum.length === 0) {
    out ??= { ...record };
    delete out.enum;
    if (out.not === undefined) out.not = true;
    else out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), { not: true }];
  }
  return out ?? node;
}
