/** Schema ids are PostgreSQL `integer`s: 1 to 2147483647. */
export const maxSchemaId = 2_147_483_647;

/**
 * SQL for the next schema id: the sequence's next value that no schema holds.
 * - An import moves the sequence past its id, as Confluent does, so new ids follow imported ones.
 * - The sequence itself is a bigint and never runs out: its values wrap around the id range, so an
 *   imported 2147483647 no longer leaves every later registration out of integer range.
 * - A value whose id is taken (an import ahead of the sequence, or after the wrap) is stepped over.
 * The recursion draws one more value only while the last one was taken; the test sits in the
 * select list, never in a join, because a planner may hash the (endless) candidate side of a join.
 */
export const nextFreeSchemaId = `(WITH RECURSIVE candidate(id, taken) AS (
    SELECT id, EXISTS (SELECT 1 FROM charter_schemas s WHERE s.id = drawn.id)
      FROM (SELECT ((nextval('charter_schema_ids') - 1) % ${maxSchemaId} + 1)::integer AS id) drawn
    UNION ALL
    SELECT drawn.id, EXISTS (SELECT 1 FROM charter_schemas s WHERE s.id = drawn.id)
      FROM (SELECT ((nextval('charter_schema_ids') - 1) % ${maxSchemaId} + 1)::integer AS id FROM candidate WHERE candidate.taken) drawn
  )
  SELECT id FROM candidate WHERE NOT taken)`;

/** After an import: the sequence continues after the imported id (never moves backwards). */
export const advancePastImportedId = `SELECT setval('charter_schema_ids', GREATEST((SELECT last_value FROM charter_schema_ids), $1::bigint))`;
