import { MigrationError } from './migration-error.js';
import type { RuleBounds } from './types.js';

/**
 * Checks a rule's output against the depth and size bounds without serialising it (this runs on
 * every event). The size is an estimate of the JSON text: exact for strings, keys and punctuation,
 * eight bytes for a number.
 *
 * @example
 * checkOutput({ a: [1, 2] }, defaultRuleBounds); // passes; a 2 MiB string would throw
 */
export function checkOutput(value: unknown, bounds: Pick<RuleBounds, 'maxDepth' | 'maxOutputBytes'>): void {
  let budget = bounds.maxOutputBytes;
  const visit = (v: unknown, depth: number): void => {
    if (depth > bounds.maxDepth) throw new MigrationError('output-depth', `the output nests deeper than ${bounds.maxDepth} levels`);
    if (typeof v === 'string') budget -= v.length + 2;
    else if (typeof v === 'number') budget -= 8;
    else if (v === null || typeof v === 'boolean' || v === undefined) budget -= 5;
    else if (Array.isArray(v)) {
      budget -= 2 + v.length;
      for (let i = 0; i < v.length && budget >= 0; i++) visit(v[i], depth + 1);
    } else if (typeof v === 'object') {
      budget -= 2;
      for (const key in v) {
        budget -= key.length + 4;
        if (budget < 0) break;
        visit((v as Record<string, unknown>)[key], depth + 1);
      }
    }
    if (budget < 0) throw new MigrationError('output-size', `the output is larger than ${bounds.maxOutputBytes} bytes`);
  };
  visit(value, 1);
}
