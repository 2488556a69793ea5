/**
 * Deterministic instance generation: `sampleInstances(schema)` returns events that validate under
 * the schema (each candidate is checked with ajv; the ones that fail are dropped). Used by the
 * compatibility engine for counterexamples and by migration-rule verification.
 *
 * Generation walks the engine's normal form (core/compat/normalize/): it picks an alternative of
 * each anyOf/oneOf/if, a JSON kind, and values near the bounds of each keyword. It is bounded in
 * depth, size and attempts, so any schema (recursive, contradictory, huge) returns promptly — with
 * fewer instances, or none, when valid ones are hard to find.
 *
 * The generator lives in `instances/`: `generate.ts` walks the normal form, `kind-generators.ts`
 * names one generator per instance kind, and `compile-validator.ts` builds the ajv that checks them.
 */
export { compileValidator } from './instances/compile-validator.js';
export { sampleInstances, sampleInstancesInternal } from './instances/sample-instances.js';
export type { SampleOptions, SampleOptionsInternal } from './instances/options.js';
export { child } from '../compat/normalize/index.js';
