/**
 * Charter's core (`charter` and `charter/core`): the pure parts every other component calls — the
 * compatibility engine, migration rules, schema helpers and the error catalog. No I/O, no server:
 * a CI script or a test can import it without starting anything.
 */
export * from './compat/index.js';
export * from './errors/index.js';
export * from './migrate/index.js';
export { draftOf } from './schema/draft.js';
export { canonicalJson } from './schema/canonical.js';
export { sampleInstances } from './schema/instances.js';
export type { SampleOptions } from './schema/instances.js';
export type { Draft, JsonSchemaObject } from './schema/types.js';
