import { compileTransform, type CompiledTransform } from './compile-transform.js';
import { resolveBounds, type RuleBounds } from './types.js';

const limit = 1000;
const cache = new Map<string, CompiledTransform>();

/**
 * compileTransform, memoised by expression and bounds: the same rule text compiles once per
 * process however many chains use it. Least recently used entries go first past 1000.
 */
export function cachedTransform(expr: string, bounds: Partial<RuleBounds> = {}): CompiledTransform {
  const b = resolveBounds(bounds);
  const key = `${b.timeoutMs}|${b.maxDepth}|${b.maxOutputBytes}|${b.maxCallDepth}|${expr}`;
  let hit = cache.get(key);
  if (hit) {
    cache.delete(key);
  } else {
    hit = compileTransform(expr, b);
    if (cache.size >= limit) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, hit);
  return hit;
}
