import type { Draft, JsonSchema } from './types.js';
import { dialectOf } from './validator/dialect.js';

/**
 * The draft the compatibility engine reads a schema as. The validator's `dialectOf` decides; the
 * engine reads draft-04 and -06 documents as draft-07, whose vocabulary is a superset for every
 * keyword that constrains instances (draft-04's boolean bounds are rewritten before it reads them).
 */
export function draftOf(schema: JsonSchema): Draft {
  const dialect = dialectOf(schema);
  return dialect === 'draft-04' || dialect === 'draft-06' ? 'draft-07' : dialect;
}
