/**
 * Inclusion between regular `pattern`s, decided on finite automata (refa). JSON Schema's `pattern`
 * is a search: a string matches when the expression matches somewhere in it, so `P` stands for the
 * language `[^]*P[^]*`, with a leading `^` / trailing `$` removing the corresponding `[^]*`.
 * Only patterns in the regular subset are decided: one top-level alternative when anchored, no
 * other assertions (`\b`, lookarounds, inner `^`/`$`), no backreferences, automata of at most
 * MAX_NODES states; anything else is "not proved". The writer side may drop what it cannot read (a
 * writer with fewer constraints accepts more), the reader side may not.
 */
import { DFA, JS, NFA } from 'refa';

const MAX_NODES = 4_000;
const cache = new Map<string, DFA | null>();

function unescapedAt(source: string, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= 0 && source[j] === '\\'; j--) n++;
  return n % 2 === 0;
}

/**
 * ajv runs patterns on RE2 (core/schema/re2-regexp.ts); refa reads JavaScript. Where the two
 * differ, the RE2 meaning is spelled out: `.` excludes only `\n` in RE2 (JavaScript also excludes
 * `\r`, U+2028, U+2029), and `\s`/`\S` are ASCII in RE2. A `\S` inside a class cannot be spelled
 * out simply: undecided.
 */
function asRe2(source: string): string | null {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1];
      if (next === 's') out += inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]';
      else if (next === 'S') {
        if (inClass) return null;
        out += '[^\\t\\n\\f\\r ]';
      } else out += c + (next ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (source[i + 1] === '^') out += source[++i];
      if (source[i + 1] === ']') out += source[++i];
    } else out += c === '.' ? '[^\\n]' : c;
  }
  return out;
}

/** The search language of a pattern as a DFA, or null when outside the decided subset. */
function searchLanguage(pattern: string): DFA | null {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  let result: DFA | null = null;
  try {
    const re2 = asRe2(pattern);
    if (re2 === null) throw new Error('undecided');
    let body = re2;
    const start = body.startsWith('^');
    if (start) body = body.slice(1);
    const end = body.endsWith('$') && unescapedAt(body, body.length - 1);
    if (end) body = body.slice(0, -1);
    // `^a|b$` is (^a)|(b$): an anchor only covers the whole expression without a top-level `|`
    if ((start || end) && hasTopLevelAlternation(body)) throw new Error('undecided');
    const source = `${start ? '' : '[^]*'}(?:${body})${end ? '' : '[^]*'}`;
    const { expression, maxCharacter } = JS.Parser.fromLiteral({ source, flags: 'u' }).parse({ backreferences: 'throw', assertions: 'parse' });
    const nfa = NFA.fromRegex(expression, { maxCharacter }, { assertions: 'throw' }, new NFA.LimitedNodeFactory(MAX_NODES));
    const dfa = DFA.fromFA(nfa, new DFA.LimitedNodeFactory(MAX_NODES));
    dfa.minimize();
    result = dfa;
  } catch {
    result = null;
  }
  if (cache.size > 2_000) cache.clear();
  cache.set(pattern, result);
  return result;
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

function intersection(dfas: DFA[]): DFA | null {
  try {
    let acc = dfas[0]!;
    for (let i = 1; i < dfas.length; i++) {
      acc = DFA.fromIntersection(acc, dfas[i]!, new DFA.LimitedNodeFactory(MAX_NODES));
      acc.minimize();
    }
    return acc;
  } catch {
    return null;
  }
}

/** L(a) ⊆ L(b). */
function subset(a: DFA, b: DFA): boolean {
  try {
    const notB = b.copy();
    notB.complement();
    return DFA.fromIntersection(a, notB, new DFA.LimitedNodeFactory(MAX_NODES)).isEmpty;
  } catch {
    return false;
  }
}

/** Every string matching all the writer's patterns matches the reader's pattern. */
export function patternsImply(writerPatterns: readonly string[], readerPattern: string): boolean {
  const reader = searchLanguage(readerPattern);
  if (!reader) return false;
  const writers = writerPatterns.map(searchLanguage).filter((d): d is DFA => d !== null);
  if (!writers.length) return false;
  const w = intersection(writers);
  return w !== null && subset(w, reader);
}

/** Every string matching all the writer's patterns has between `min` and `max` code points. */
export function patternsBoundLength(writerPatterns: readonly string[], min: number, max: number | undefined): boolean {
  if (min > 1000 || (max !== undefined && max > 1000)) return false;
  const range = `^[^]{${min},${max ?? ''}}$`;
  return patternsImply(writerPatterns, range);
}
