import { draftOf } from '../../schema/draft.js';
import type { Draft, JsonSchema } from '../../schema/types.js';
import { isObject } from './is-object.js';
import { nodeInfo } from './node-info.js';

/**
 * The draft the engine reads a document with. `$schema` decides when present (draft-04/06 read as
 * draft-07). Without `$schema`, Charter's default is 2020-12, except that a document using the
 * array form of `items` (only meaningful before 2020-12) is read as draft-07, as Confluent does.
 */
export function compatDraft(schema: JsonSchema): Draft {
  if (isObject(schema) && typeof schema.$schema === 'string') return draftOf(schema);
  return nodeInfo(schema).arrayItems ? 'draft-07' : '2020-12';
}
