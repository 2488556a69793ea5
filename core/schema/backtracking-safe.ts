/**
 * Whether a pattern runs in linear time on V8's backtracking engine, judged conservatively from
 * its syntax. Such patterns — `^[A-Z]{3}$`, `^\d{4}-\d{2}-\d{2}$`, `^[a-z0-9-]+$` — are most of
 * what event schemas use, and V8 runs them several times faster than RE2 in JavaScript; every
 * other pattern stays on RE2.
 *
 * Linear means: no quantifier on a group (where backtracking multiplies), a bounded number of
 * ways to match at each position (the product of bounded repetition ranges and alternatives),
 * and at most one unbounded quantifier, only in a pattern anchored with `^` and without
 * alternation (so a single start position backtracks through it).
 */
const MAX_WAYS = 1_000;

export function backtrackingSafe(pattern: string): boolean {
  let ways = 1;
  let unbounded = 0;
  let alternation = false;
  let inClass = false;
  let lastAtom: 'char' | 'group' | undefined;
  const groups: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (inClass) {
      if (ch === '\\') i++;
      else if (ch === ']') {
        inClass = false;
        lastAtom = 'char';
      }
      continue;
    }
    switch (ch) {
      case '\\': {
        const next = pattern[i + 1] ?? '';
        if (/[1-9k]/.test(next)) return false; // backreference
        i += next === 'u' && pattern[i + 2] === '{' ? pattern.indexOf('}', i) - i : 1;
        if (next === 'p' || next === 'P') i = pattern.indexOf('}', i);
        if (i < 0) return false;
        lastAtom = 'char';
        break;
      }
      case '[':
        inClass = true;
        break;
      case '(':
        if (pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i) || pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i)) return false;
        groups.push(i);
        lastAtom = undefined;
        break;
      case ')':
        groups.pop();
        lastAtom = 'group';
        break;
      case '|':
        alternation = true;
        ways *= 2;
        lastAtom = undefined;
        break;
      case '*':
      case '+':
      case '?':
      case '{': {
        if (ch === '{' && !/^\{\d+(,\d*)?\}/.test(pattern.slice(i))) {
          lastAtom = 'char'; // a literal brace
          break;
        }
        if (lastAtom === undefined) return false;
        if (lastAtom === 'group') return false;
        if (ch === '?') ways *= 2;
        else if (ch === '{') {
          const [, min, comma, max] = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i))!;
          i = pattern.indexOf('}', i);
          if (comma !== undefined && max === '') unbounded++;
          else if (comma !== undefined) ways *= Number(max) - Number(min) + 1;
        } else unbounded++;
        if (pattern[i + 1] === '?') i++; // lazy
        lastAtom = undefined;
        break;
      }
      default:
        lastAtom = 'char';
    }
    if (ways > MAX_WAYS) return false;
  }
  if (inClass || groups.length > 0) return false;
  // With alternation, `^` may anchor only one alternative: an unbounded one elsewhere would not be.
  return unbounded === 0 || (unbounded === 1 && !alternation && pattern.startsWith('^'));
}
