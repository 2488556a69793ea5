import type { Draft, JsonSchema } from './types.js';

const draftByUri: ReadonlyArray<[RegExp, Draft]> = [
  [/draft-0[4-7]\/schema/, 'draft-07'],
  [/draft\/2019-09\/schema/, '2019-09'],
  [/draft\/2020-12\/schema/, '2020-12'],
];

/**
 * The draft a schema declares through `$schema`. Draft-04 and -06 documents are read as draft-07,
 * whose vocabulary is a superset for every keyword that constrains instances. Without `$schema`
 * the default is 2020-12 — unless the document uses array-form `items`, which only exists before
 * 2020-12: such a schema is read as draft-07 rather than refused (the compatibility engine reads
 * it the same way).
 */
export function draftOf(schema: JsonSchema): Draft {
  if (typeof schema !== 'object' || schema === null) return '2020-12';
  const uri = schema.$schema;
  if (typeof uri !== 'string') return usesArrayItems(schema) ? 'draft-07' : '2020-12';
  for (const [pattern, draft] of draftByUri) if (pattern.test(uri)) return draft;
  return '2020-12';
}

/** Data keywords whose values are instances, not schemas: an `items` array inside them means nothing. */
const dataKeywords = new Set(['enum', 'const', 'examples', 'default']);

function usesArrayItems(schema: object): boolean {
  const stack: unknown[] = [schema];
  let visited = 0;
  while (stack.length > 0 && visited++ < 100_000) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'items' && Array.isArray(value)) return true;
      if (!dataKeywords.has(key)) stack.push(value);
    }
  }
  return false;
}
