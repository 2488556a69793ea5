import type { JsonSchema } from '../types.js';

/**
 * The JSON Schema drafts the validator speaks, each with its own ajv dialect and meta-schema.
 * (The compatibility engine reads draft-04 and -06 as draft-07: see `draftOf`.)
 */
export type Dialect = 'draft-04' | 'draft-06' | 'draft-07' | '2019-09' | '2020-12';

/** The meta-schema URI of each dialect, as ajv registers it. */
export const metaSchemaUri: Readonly<Record<Dialect, string>> = {
  'draft-04': 'http://json-schema.org/draft-04/schema',
  'draft-06': 'http://json-schema.org/draft-06/schema',
  'draft-07': 'http://json-schema.org/draft-07/schema',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

const dialectByUri: ReadonlyArray<[RegExp, Dialect]> = [
  [/draft-04\/schema/, 'draft-04'],
  [/draft-06\/schema/, 'draft-06'],
  [/draft-0[57]\/schema/, 'draft-07'],
  [/draft\/2019-09\/schema/, '2019-09'],
  [/draft\/2020-12\/schema/, '2020-12'],
];

/**
 * The dialect a schema declares through `$schema`. Without `$schema` the default is 2020-12 —
 * unless the document uses array-form `items`, which only exists before 2020-12: such a schema is
 * read as draft-07 rather than refused (the compatibility engine reads it the same way). An
 * unknown `$schema` URI is read as 2020-12.
 */
export function dialectOf(schema: JsonSchema): Dialect {
  if (typeof schema !== 'object' || schema === null) return '2020-12';
  const uri = schema.$schema;
  if (typeof uri !== 'string') return usesArrayItems(schema) ? 'draft-07' : '2020-12';
  for (const [pattern, dialect] of dialectByUri) if (pattern.test(uri)) return dialect;
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
