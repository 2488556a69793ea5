import type { Draft, JsonSchema } from './types.js';

const draftByUri: ReadonlyArray<[RegExp, Draft]> = [
  [/draft-0[4-7]\/schema/, 'draft-07'],
  [/draft\/2019-09\/schema/, '2019-09'],
  [/draft\/2020-12\/schema/, '2020-12'],
];

/**
 * The draft a schema declares through `$schema`. Draft-04 and -06 documents are read as draft-07,
 * whose vocabulary is a superset for every keyword that constrains instances.
 */
export function draftOf(schema: JsonSchema): Draft {
  if (typeof schema !== 'object' || schema === null) return '2020-12';
  const uri = schema.$schema;
  if (typeof uri !== 'string') return '2020-12';
  for (const [pattern, draft] of draftByUri) if (pattern.test(uri)) return draft;
  return '2020-12';
}
