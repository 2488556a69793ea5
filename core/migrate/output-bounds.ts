import { MigrationError } from './migration-error.js';
import type { RuleBounds } from './types.js';

/** Estimated JSON size of `v` subtracted from `budget`; throws past `maxDepth`. Returns what is left. */
function spend(v: unknown, depth: number, budget: number, maxDepth: number): number {
  if (typeof v === 'string') return budget - v.length - 2;
  if (typeof v === 'number') return budget - 8;
  if (v === null || typeof v !== 'object') return budget - 5;
  if (depth > maxDepth) throw new MigrationError('output-depth', `the output nests deeper than ${maxDepth} levels`);
  if (Array.isArray(v)) {
    budget -= 2 + v.length;
    for (let i = 0; i < v.length && budget >= 0; i++) budget = spend(v[i], depth + 1, budget, maxDepth);
    return budget;
  }
  budget -= 2;
  for (const key in v) {
    budget = spend((v as Record<string, unknown>)[key], depth + 1, budget - key.length - 4, maxDepth);
    if (budget < 0) break;
  }
  return budget;
}

/**
 * Checks a rule's output against the depth and size bounds without serialising it (this runs on
 * every event). The size is an estimate of the JSON text: exact for strings, keys and punctuation,
 * eight bytes for a number.
 *
 * @example
 * checkOutput({ a: [1, 2] }, defaultRuleBounds); // passes; a 2 MiB string would throw
 */
export function checkOutput(value: unknown, bounds: Pick<RuleBounds, 'maxDepth' | 'maxOutputBytes'>): void {
  // Depth counts containers: a scalar is depth 0, {"a": 1} is depth 1.
  if (spend(value, 1, bounds.maxOutputBytes, bounds.maxDepth) < 0)
    throw new MigrationError('output-size', `the output is larger than ${bounds.maxOutputBytes} bytes`);
}
