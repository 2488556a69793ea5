import type { JsonSchema, ReferencedSchemas } from '../types.js';
import { dialectOf, type Dialect } from './dialect.js';
import { validationCost, MAX_VALIDATION_COST } from './validation-cost.js';

/** A schema split for compiling: whether it compiles is whether every piece compiles. */
export interface CompilePieces {
  dialect: Dialect;
  /**
   * First the skeleton (the root with each split-off property schema replaced by `true`), then the
   * split-off property schemas; each with its JSON text (the key a verdict is remembered under).
   */
  pieces: Array<{ text: string; schema: JsonSchema }>;
}

// Below this many properties, compiling the whole schema is as cheap as splitting it.
const MIN_PROPERTIES = 64;

/**
 * Splits a wide object schema into its property schemas and the rest, so that a registry can
 * remember which pieces it has seen compile and compile only the new ones (a new version of a
 * 1,000-property schema changes a few of them; ajv compiles the whole in a quarter of a second).
 *
 * ajv compiles a property schema into its parent's function with nothing from the parent but the
 * options and the dialect, except through references and identifiers (`$ref`, `$id`, `$anchor`,
 * dynamic anchors, `$schema`, `$async`…). So only property schemas whose text holds no `"$` at all
 * are split off — a conservative test that also skips those merely mentioning a `$` string — and
 * never in draft-04 (which names identifiers `id`), nor when the schema has references. The cost
 * bound (validation-cost.ts) is a property of the whole, so it is checked here on the whole.
 * Undefined when the schema is not worth splitting or must be compiled whole.
 */
export function compilePieces(schema: JsonSchema, references: ReferencedSchemas): CompilePieces | undefined {
  if (typeof schema !== 'object' || schema === null || Object.keys(references).length > 0) return undefined;
  const properties = (schema as Record<string, unknown>).properties;
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return undefined;
  const names = Object.keys(properties);
  if (names.length < MIN_PROPERTIES) return undefined;
  const dialect = dialectOf(schema);
  if (dialect === 'draft-04' || !validationCost(schema, references, MAX_VALIDATION_COST).bounded) return undefined;
  const kept: Record<string, unknown> = {};
  const pieces: CompilePieces['pieces'] = [];
  for (const name of names) {
    const value = (properties as Record<string, unknown>)[name];
    const text = typeof value === 'object' && value !== null && !Array.isArray(value) ? JSON.stringify(value) : undefined;
    if (text === undefined || text.includes('"$')) {
      kept[name] = value;
    } else {
      kept[name] = true;
      pieces.push({ text, schema: value as JsonSchema });
    }
  }
  const skeleton = { ...(schema as object), properties: kept } as JsonSchema;
  return { dialect, pieces: [{ text: JSON.stringify(skeleton), schema: skeleton }, ...pieces] };
}
