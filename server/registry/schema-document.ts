import { unreadableAt } from '../../core/compat/index.js';
import { RegistryError } from '../../core/errors/index.js';
import { canonicalJson, sha256 } from '../../core/schema/canonical.js';
import { metaSchemaErrors } from '../../core/schema/compile.js';
import { jsonDepth } from '../../core/schema/json-depth.js';
import { collectIds, collectRefs, hasReferenceKeyword } from '../../core/schema/refs.js';
import { findInPlaceRefCycle } from '../../core/schema/ref-cycles.js';
import type { JsonSchema, ReferencedSchemas } from '../../core/schema/types.js';
import type { SchemaReference } from './model.js';

/** A schema as the registry stores it: parsed, checked, and in its stored text form. */
export interface PreparedSchema {
  parsed: JsonSchema;
  text: string;
  fingerprint: string;
  references: SchemaReference[];
}

const MAX_NESTING = 256;

/**
 * Turns the `schema` field of a request into a checked document: valid JSON, valid JSON Schema
 * for its draft (ajv's message otherwise), every `$ref` resolvable without the network. Whether
 * ajv can compile it is checked by the caller, on the compile pool. The
 * stored text is compact JSON in the author's key order, or sorted keys when `normalize` is on.
 */
export function prepareSchema(
  input: { schema: unknown; schemaType?: unknown; references: SchemaReference[] },
  resolved: ReferencedSchemas,
  options: { normalize: boolean },
): PreparedSchema {
  if (input.schemaType !== undefined && input.schemaType !== 'JSON') {
    throw new RegistryError('INVALID_SCHEMA', `Invalid schema type ${JSON.stringify(input.schemaType)}: only JSON is supported by Charter`);
  }
  const parsed = parseSchemaField(input.schema);
  const unreadable = unreadableAt(parsed);
  if (unreadable) throw new RegistryError('INVALID_SCHEMA', `Invalid schema: ${unreadable.message}`, { path: unreadable.path });
  assertResolvableRefs(parsed, resolved);
  const loop = findInPlaceRefCycle(parsed);
  if (loop) {
    throw new RegistryError('INVALID_SCHEMA', `Invalid schema: $ref loop ${loop.join(' → ')} never reads the event, so validation would recurse forever`);
  }
  const metaErrors = metaSchemaErrors(parsed);
  if (metaErrors) throw new RegistryError('INVALID_SCHEMA', `Invalid schema: ${metaErrors}`);
  const text = options.normalize ? canonicalJson(parsed) : JSON.stringify(parsed);
  const references = [...input.references].sort((a, b) => a.name.localeCompare(b.name));
  return { parsed, text, references, fingerprint: schemaFingerprint(text, references) };
}

/**
 * A schema's identity: its stored text and references. Identical schemas share one id, and a
 * subject holds one version per identity (`charter check` computes it to predict that rule).
 */
export function schemaFingerprint(text: string, references: readonly SchemaReference[]): string {
  return sha256(JSON.stringify(['JSON', text, references]));
}

function parseSchemaField(schema: unknown): JsonSchema {
  let parsed: unknown = schema;
  if (typeof schema === 'string') {
    try {
      parsed = JSON.parse(schema);
    } catch (error) {
      throw new RegistryError('INVALID_SCHEMA', `Invalid schema: not valid JSON (${(error as Error).message})`);
    }
  }
  if (typeof parsed !== 'boolean' && (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))) {
    throw new RegistryError('INVALID_SCHEMA', 'Invalid schema: a JSON Schema is an object or a boolean');
  }
  if (jsonDepth(parsed, MAX_NESTING + 1) > MAX_NESTING) {
    throw new RegistryError('INVALID_SCHEMA', `Invalid schema: nested deeper than ${MAX_NESTING} levels`);
  }
  return parsed as JsonSchema;
}

/** Refuses any `$ref` that would need the network: Charter never fetches a schema from a URL. */
function assertResolvableRefs(schema: JsonSchema, resolved: ReferencedSchemas): void {
  if (typeof schema !== 'object' || !hasReferenceKeyword(schema)) return;
  const base = typeof schema === 'object' && typeof schema.$id === 'string' ? schema.$id : 'charter:/root';
  const localIds = new Set([...collectIds(schema)].map((id) => absolute(id, base)));
  for (const { ref, at } of collectRefs(schema)) {
    if (ref.startsWith('#')) continue;
    const [target] = ref.split('#');
    // Own keys only: `{"$ref": "toString"}` must not resolve to Object.prototype.toString.
    if (Object.hasOwn(resolved, target) || localIds.has(absolute(target, base))) continue;
    throw new RegistryError(
      'INVALID_SCHEMA',
      `Invalid schema: $ref '${ref.slice(0, 200)}' at ${at} does not resolve inside the schema or to one of its references. ` +
        'Charter never fetches schemas from URLs: register the referenced schema and list it in "references" as {name, subject, version}',
    );
  }
}

function absolute(ref: string, base: string): string {
  try {
    return new URL(ref, base).toString().replace(/#$/, '');
  } catch {
    return ref;
  }
}
