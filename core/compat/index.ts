/**
 * Charter's JSON Schema compatibility engine (pure: no I/O).
 *
 * The core is a sound subset check (`subset/`): backward compatibility of a new version against an
 * old one is "every event valid under the old schema is valid under the new one", forward is the
 * converse. Where a keyword cannot be decided exactly, the answer is "incompatible" with a change
 * saying why — a breaking change is never called compatible.
 */
export { checkCompatibility } from './check-compatibility.js';
export { classifyChange, onlyAnnotationsDiffer } from './classify-change.js';
export { diffSchemas } from './diff-schemas.js';
export { findCounterexample } from './find-counterexample.js';
export { counterexampleSearchOf, searchCounterexample, type CounterexampleSearch } from './counterexample-search.js';
export { compatibilityLevels, levelDirections, type CompatibilityLevel, type CompatibilityPolicy } from './levels.js';
export { changeKinds, type ChangeKind, type ChangeDetail, type ChangeKindSpec } from './kinds.js';
export { DEFAULT_STEPS, DEFAULT_TIME_MS, type EngineLimits } from './limits.js';
export { compatDraft, unreadableAt } from './document/index.js';
export type { JsonSchema, ReferencedSchemas } from '../schema/types.js';
export type { SchemaChange, SchemaInput, CompareOptions, Counterexample, CompatibilityResult, SemverBump } from './types.js';
