import { findCounterexample } from './find-counterexample.js';
import type { CompatibilityPolicy } from './levels.js';
import type { EngineLimits } from './limits.js';
import type { CompatibilityResult, Counterexample, SchemaInput } from './types.js';

/**
 * What an incompatible verdict asks a counterexample search for: an event the `writer` accepts and
 * the `reader` refuses, for the first version the candidate failed against. Plain data (schemas,
 * references, strings), so a caller can run the search elsewhere — the registry runs it on its
 * compile pool, because ajv and instance generation cannot be interrupted on the event loop.
 */
export interface CounterexampleSearch {
  writer: SchemaInput;
  reader: SchemaInput;
  direction: 'backward' | 'forward';
  policy: CompatibilityPolicy;
  againstVersion?: number;
}

// Kept beside the result rather than on it: a result is serialised as it is (HTTP bodies, error details).
const searches = new WeakMap<CompatibilityResult, CounterexampleSearch>();

/** The search an incompatible result calls for; undefined for a compatible one. */
export function counterexampleSearchOf(result: CompatibilityResult): CounterexampleSearch | undefined {
  return searches.get(result);
}

export function recordCounterexampleSearch(result: CompatibilityResult, search: CounterexampleSearch): void {
  searches.set(result, search);
}

/**
 * Runs a search within `limits` (the engine's defaults otherwise): the counterexample, or undefined
 * when none was found in time — the verdict stays "incompatible" either way.
 */
export function searchCounterexample(search: CounterexampleSearch, limits?: EngineLimits): Counterexample | undefined {
  const event = findCounterexample(search.writer, search.reader, limits, search.policy);
  if (event === undefined) return undefined;
  return {
    event,
    direction: search.direction,
    writer: search.direction === 'backward' ? 'older' : 'newer',
    ...(search.againstVersion !== undefined ? { againstVersion: search.againstVersion } : {}),
  };
}
