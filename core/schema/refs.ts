import type { JsonSchema } from './types.js';

/** Every `$ref` value in a schema document, with the JSON pointer of the object that holds it. */
export function collectRefs(schema: JsonSchema, limit = 10_000): Array<{ ref: string; at: string }> {
  const found: Array<{ ref: string; at: string }> = [];
  const stack: Array<[unknown, string]> = [[schema, '']];
  let visited = 0;
  while (stack.length > 0 && visited++ < limit * 10) {
    const [node, pointer] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      node.forEach((item, index) => stack.push([item, `${pointer}/${index}`]));
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      // `properties` and `$defs` hold names, not keywords: a property called "$ref" is not a reference.
      if ((key === '$ref' || key === '$dynamicRef' || key === '$recursiveRef') && typeof value === 'string' && !isNameMap(pointer)) {
        found.push({ ref: value, at: pointer || '/' });
        if (found.length >= limit) return found;
      } else {
        stack.push([value, `${pointer}/${escapePointer(key)}`]);
      }
    }
  }
  return found;
}

/** Every `$id` declared inside a document (absolute or relative), which local refs may target. */
export function collectIds(schema: JsonSchema): Set<string> {
  const ids = new Set<string>();
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) stack.push(...node);
    else {
      const id = (node as Record<string, unknown>).$id ?? (node as Record<string, unknown>).id;
      if (typeof id === 'string') ids.add(id.replace(/#$/, ''));
      stack.push(...Object.values(node));
    }
  }
  return ids;
}

const isNameMap = (pointer: string) => /\/(properties|patternProperties|\$defs|definitions|dependentSchemas)$/.test(pointer);

export const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Whether any object in the document has a `$ref`-like key (a property named so counts too: harmless). */
export function hasReferenceKeyword(schema: object): boolean {
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    for (const key in node) {
      if (key === '$ref' || key === '$dynamicRef' || key === '$recursiveRef') return true;
      const value = (node as Record<string, unknown>)[key];
      if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
  return false;
}
