/**
 * The subset check: `sub(A, B)` proves that every instance valid under A is valid under B, and
 * records why not when it cannot. It is sound (a `true` is a proof) and incomplete: whatever it
 * cannot decide answers `false` with a change saying why, except that structurally identical
 * schemas are always a subset.
 *
 * Recursion (recursive `$ref`s) is handled coinductively: a pair (A, B) met again *below an
 * instance-level descent* (a property or an item) is assumed to hold; a pair met again without
 * descending means a reference cycle that never consumes input and is answered `false`.
 *
 * Layout: `check.ts` (memo, recursion, limits) → `sub-flat.ts` (writer disjunctions, split by kind)
 * → `sub-kind.ts` running the ordered rules of `rules/`; `facts/` answers questions about one
 * normal form; `disjoint.ts` proves that two schemas share no value.
 */
export { sub } from './check.js';
export { disjoint } from './disjoint.js';
export { DEFAULT_BUDGET, newContext, type Direction, type Policy, type RawChange, type SubsetContext } from './context.js';
export { kindNames } from './facts/type-names.js';
