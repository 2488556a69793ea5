import { re2RegExp, type Re2Pattern } from '../../schema/re2-regexp.js';

const regexCache = new Map<string, Re2Pattern | null>();

/**
 * Compiles a pattern the way ajv does (RE2, `u` flag); null when it does not compile. RE2, not
 * V8: the engine tests enum values and generated strings against registered patterns, and a
 * backtracking `^(a+)+$` would hang a compatibility check.
 */
export function compilePattern(source: string): Re2Pattern | null {
  let re = regexCache.get(source);
  if (re === undefined) {
    try {
      re = re2RegExp(source, 'u');
    } catch {
      re = null;
    }
    if (regexCache.size > 10_000) regexCache.clear();
    regexCache.set(source, re);
  }
  return re;
}
