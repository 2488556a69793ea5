import type { JsonSchemaObject } from '../../schema/types.js';

export function isObject(value: unknown): value is JsonSchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
