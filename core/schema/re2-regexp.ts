import { RE2JS } from 're2js';
import { RegistryError } from '../errors/index.js';

/**
 * JSON Schema `pattern`s run on RE2 (re2js), not on V8's backtracking engine: a registered
 * schema is input from anyone who can reach the registry, and `^(a+)+$` against "aaaa…a!" would
 * pin V8's engine for minutes. RE2 matches in time linear in the input, always. The price is the
 * features RE2 refuses on purpose — lookarounds and backreferences — and those patterns are
 * refused when a schema is compiled, with a message naming the pattern.
 */
export interface Re2Pattern {
  test(input: string): boolean;
  toString(): string;
}

/** Compiled patterns, shared: schemas repeat the same few patterns, and RE2 programs are immutable. */
const cache = new Map<string, Re2Pattern>();
const CACHE_LIMIT = 2_000;

/** Translates ECMAScript flags to RE2JS's; `g`/`y`/`u`/`v` change nothing for a `test`. */
function re2Flags(flags: string): number {
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  return bits;
}

/**
 * Compiles an ECMAScript pattern on RE2, or throws INVALID_SCHEMA (42201) saying why it can't.
 *
 * @example
 * compileRe2('^(a+)+$').test('a'.repeat(50_000) + '!'); // false, in milliseconds
 */
export function compileRe2(pattern: string, flags = ''): RE2JS {
  try {
    // ECMAScript syntax first: RE2JS's translator turns unknown escapes (`\k<x>`, `\8`) into
    // literals, which would silently change what a pattern means instead of refusing it.
    new RegExp(pattern, flags.replace(/[^imsu]/g, ''));
    if (hasBackreference(pattern)) throw new Error('backreferences (\\1, \\k<name>) are not supported');
    return RE2JS.compile(RE2JS.translateRegExp(withEcmaClasses(pattern, flags)), re2Flags(flags));
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp:\s*/, '');
    throw new RegistryError(
      'INVALID_SCHEMA',
      `pattern ${JSON.stringify(pattern.slice(0, 200))} is not supported: ${reason}. ` +
        'Charter runs patterns on RE2 (linear time), which has no lookarounds or backreferences',
      { pattern: pattern.slice(0, 200) },
      { cause: error },
    );
  }
}

/** ECMAScript's `\s`: RE2's is ASCII-only, JavaScript's includes the Unicode spaces. */
const ECMA_SPACE = '\\t\\n\\v\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';

/**
 * Rewrites the classes whose meaning differs between the engines, outside character classes:
 * `\s`/`\S` (Unicode spaces) and `.` (which in JavaScript also stops at `\r`, U+2028, U+2029).
 */
function withEcmaClasses(pattern: string, flags: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[++i] ?? '';
      if (next === 's') out += inClass ? ECMA_SPACE : `[${ECMA_SPACE}]`;
      else if (next === 'S' && !inClass) out += `[^${ECMA_SPACE}]`;
      else out += ch + next;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    out += ch === '.' && !inClass && !flags.includes('s') ? '[^\\n\\r\\x{2028}\\x{2029}]' : ch;
  }
  return out;
}

/** `\1`…`\9` or `\k<name>` outside a character class. */
function hasBackreference(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[++i] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) return true;
    } else if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
  }
  return false;
}

/** ajv's `code.regExp` engine: `(pattern, flags) => {test}`. */
export function re2RegExp(pattern: string, flags: string): Re2Pattern {
  const key = `${flags}/${pattern}`;
  let compiled = cache.get(key);
  if (!compiled) {
    const re = compileRe2(pattern, flags);
    // ajv keys its per-instance pattern table by `toString()`: it must differ per pattern.
    compiled = { test: (input: string) => re.test(input), toString: () => `/${pattern}/${flags}` };
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, compiled);
  }
  return compiled;
}
// ajv writes `code` into standalone source (codegen, the compile pool): generated validators load
// this same engine from the package's runtime entry.
re2RegExp.code = 'require("charter/runtime").re2RegExp';
