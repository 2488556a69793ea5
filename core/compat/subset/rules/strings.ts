import type { Flat } from '../../normalize/index.js';
import { formatDefinition } from '../../values.js';
import type { SubsetContext } from '../context.js';
import { patternsBoundLength, patternsImply } from '../facts/pattern-inclusion.js';
import { rec } from '../record.js';

const TRIVIAL_PATTERNS = new Set(['', '.*', '^.*', '(.*)', '[\\s\\S]*', '^[\\s\\S]*']);

export function subString(fA: Flat, fB: Flat, path: string, ctx: SubsetContext): boolean {
  let ok = true;
  // a writer whose patterns bound the length proves the reader's length bounds
  const boundedByPatterns = (min: number, max: number | undefined) => fA.patterns.length > 0 && patternsBoundLength(fA.patterns, min, max);
  if (fB.minLen > fA.minLen && !boundedByPatterns(fB.minLen, undefined)) {
    ok = false;
    rec(ctx, 'MIN_LENGTH_INCREASED', 'MIN_LENGTH_DECREASED', `${path}/minLength`, { a: fA.minLen || undefined, b: fB.minLen });
    if (!ctx.sink) return false;
  }
  if (fB.maxLen !== undefined && (fA.maxLen === undefined || fA.maxLen > fB.maxLen) && !boundedByPatterns(0, fB.maxLen)) {
    ok = false;
    rec(ctx, 'MAX_LENGTH_DECREASED', 'MAX_LENGTH_INCREASED', `${path}/maxLength`, { a: fA.maxLen, b: fB.maxLen });
    if (!ctx.sink) return false;
  }
  for (const p of fB.patterns) {
    if (TRIVIAL_PATTERNS.has(p) || fA.patterns.includes(p)) continue;
    if (fA.patterns.length && patternsImply(fA.patterns, p)) continue;
    ok = false;
    if (fA.patterns.length) rec(ctx, 'PATTERN_CHANGED', 'PATTERN_CHANGED', `${path}/pattern`, { a: fA.patterns[0], b: p });
    else rec(ctx, 'PATTERN_ADDED', 'PATTERN_REMOVED', `${path}/pattern`, { a: undefined, b: p });
    if (!ctx.sink) return false;
  }
  for (const fmt of fB.formats) {
    const def = formatDefinition(fmt);
    if (!def || def.type !== 'string' || fA.formats.includes(fmt)) continue;
    ok = false;
    if (fA.formats.length) rec(ctx, 'FORMAT_ADDED', 'FORMAT_REMOVED', `${path}/format`, { a: fA.formats[0], b: fmt });
    else rec(ctx, 'FORMAT_ADDED', 'FORMAT_REMOVED', `${path}/format`, { a: undefined, b: fmt });
    if (!ctx.sink) return false;
  }
  return ok;
}
