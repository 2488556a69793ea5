import type { JsonSchema } from '../schema/types.js';
import type { MetadataTags } from './types.js';
import { fieldTags } from './field-tags.js';

/** One primitive field of a message as a CEL_FIELD rule sees it. */
export interface FieldVisit {
  name: string;
  fullName: string;
  value: unknown;
  typeName: string;
  tags: Set<string>;
  /** The object holding the field (CEL's `message`). */
  message: Record<string, unknown>;
}

/**
 * Visits every primitive field the schema declares (through `properties`, `items`, `allOf` and
 * local `$ref`s), and replaces its value with what `visit` returns. Fields the schema does not
 * declare are left alone, as Confluent's serde does. Mutates `message`: pass a copy.
 */
export function transformFields(
  schema: JsonSchema,
  message: unknown,
  metadataTags: MetadataTags | undefined,
  visit: (field: FieldVisit) => unknown,
): unknown {
  const root = schema;
  const walk = (node: JsonSchema | undefined, value: unknown, path: string, depth: number): unknown => {
    if (node === undefined || typeof node === 'boolean' || value === null || value === undefined || depth > 64) return value;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) return walk(resolveLocal(root, node.$ref), value, path, depth + 1);
    for (const part of (node.allOf as JsonSchema[] | undefined) ?? []) value = walk(part, value, path, depth + 1);
    if (Array.isArray(value) && node.items !== undefined && !Array.isArray(node.items)) {
      return value.map((item) => walk(node.items as JsonSchema, item, path, depth + 1));
    }
    const properties = node.properties as Record<string, JsonSchema> | undefined;
    if (properties && typeof value === 'object' && !Array.isArray(value)) {
      const object = value as Record<string, unknown>;
      for (const [name, fieldSchema] of Object.entries(properties)) {
        if (!Object.hasOwn(object, name) || object[name] === null) continue;
        const fullName = `${path}.${name}`;
        const fieldValue = object[name];
        if (typeof fieldValue === 'object') {
          object[name] = walk(fieldSchema, fieldValue, fullName, depth + 1);
        } else {
          const tags = fieldTags(fieldSchema, fullName, metadataTags);
          object[name] = visit({ name, fullName, value: fieldValue, typeName: typeNameOf(fieldValue), tags, message: object });
        }
      }
    }
    return value;
  };
  return walk(schema, message, '$', 0);
}

function typeNameOf(value: unknown): string {
  if (typeof value === 'string') return 'STRING';
  if (typeof value === 'boolean') return 'BOOLEAN';
  return Number.isInteger(value) ? 'INT' : 'DOUBLE';
}

function resolveLocal(root: JsonSchema, ref: string): JsonSchema | undefined {
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node as JsonSchema | undefined;
}
