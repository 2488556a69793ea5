import { MigrationError } from '../migration-error.js';
import { sizeOf, type RuleGuard } from '../rule-guard.js';
import { deepEqual } from './operators.js';
import { isSeq } from './sequence.js';

/** `this` of a JSONata built-in: its focus (only `createSequence` is used here). */
interface Focus {
  createSequence?: () => unknown[];
}

const isPrimitive = (v: unknown): boolean =>
  typeof v === 'string' || typeof v === 'boolean' || v === null || (typeof v === 'number' && !Number.isNaN(v));

/** Longest string a regex built-in may scan: one native call over it must stay far below the time bound. */
export const MAX_REGEX_INPUT = 64 * 1024;

/**
 * `$distinct` without JSONata's quadratic scan for lists of scalars (a set keeps JSONata's
 * equality there: `===`); lists holding objects or arrays keep the pairwise deep comparison,
 * charged comparison by comparison so the time bound interrupts it.
 */
function distinct(this: Focus, guard: RuleGuard, arr: unknown): unknown {
  if (arr === undefined) return undefined;
  if (!Array.isArray(arr) || arr.length <= 1) return arr;
  const results = isSeq(arr) ? (this.createSequence?.() ?? Object.assign([], { sequence: true })) : [];
  if (arr.every(isPrimitive)) {
    const seen = new Set<unknown>();
    for (const value of arr) {
      guard.tick();
      if (seen.has(value)) continue;
      seen.add(value);
      results.push(value);
    }
    return results;
  }
  for (const value of arr) {
    guard.charge(results.length + 1);
    if (!results.some((r) => deepEqual(value, r))) results.push(value);
  }
  return results;
}

/**
 * `$split` with a string separator (JSONata's semantics: `String.prototype.split`), counting
 * the parts before allocating them so a 1 MB string split by `""` is refused, not built.
 */
function split(guard: RuleGuard, str: unknown, separator: unknown, limit: unknown): unknown {
  if (str === undefined) return undefined;
  if ((limit as number) < 0) throw { code: 'D3020', value: limit, index: 3 };
  if (limit !== undefined && (limit as number) <= 0) return [];
  const s = str as string;
  const sep = separator as string;
  const max = limit === undefined ? Infinity : (limit as number);
  let parts = 1;
  if (sep === '') parts = s.length;
  else for (let at = s.indexOf(sep); at !== -1 && parts <= guard.maxItems; at = s.indexOf(sep, at + sep.length)) parts++;
  guard.items(Math.min(parts, max));
  return s.split(sep, limit as number | undefined);
}

/**
 * `$sort` without a comparator: JSONata's merge sort copies the rest of the list at every step
 * (quadratic) and never reads the clock, so numbers or strings are sorted here instead, stably
 * and ascending, as its default comparator (`a > b` swaps) orders them.
 */
function sortScalars(guard: RuleGuard, arr: unknown): unknown {
  if (arr === undefined) return undefined;
  const list = arr as unknown[];
  if (list.length <= 1) return list;
  if (!list.every((v) => typeof v === 'number') && !list.every((v) => typeof v === 'string')) throw { code: 'D3070', index: 1 };
  const order = (a: unknown, b: unknown): number => ((a as number) > (b as number) ? 1 : (a as number) < (b as number) ? -1 : 0);
  // Runs of 4,096 are sorted natively, then merged with a clock check per element, so no single
  // native call is long; taking the left item on ties keeps the sort stable, as JSONata's is.
  let runs: unknown[][] = [];
  for (let i = 0; i < list.length; i += 4096) {
    guard.charge(4096 * 12);
    runs.push(list.slice(i, i + 4096).sort(order));
  }
  while (runs.length > 1) {
    const next: unknown[][] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const [left, right = []] = [runs[r], runs[r + 1]];
      const merged: unknown[] = [];
      let i = 0;
      let j = 0;
      while (i < left.length && j < right.length) {
        guard.tick();
        merged.push(order(left[i], right[j]) > 0 ? right[j++] : left[i++]);
      }
      while (i < left.length) merged.push(left[i++]);
      while (j < right.length) merged.push(right[j++]);
      next.push(merged);
    }
    runs = next;
  }
  return runs[0];
}

/** Estimated JSON length of `value`, walked under the clock; stops once past `limit`. */
function jsonLength(guard: RuleGuard, value: unknown, limit: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= limit) {
    const v = stack.pop();
    guard.tick();
    if (typeof v === 'string') total += v.length + 2;
    else if (Array.isArray(v)) {
      total += 2 + v.length;
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        total += k.length + 4;
        stack.push(item);
      }
      total += 2;
    } else total += 8;
  }
  return total;
}

/**
 * `$replace` with a string pattern over a long string: JSONata's loop would build the whole
 * result in one uninterrupted call, so the string is cut just after every 4,096th occurrence and
 * the pieces replaced one by one (an occurrence never spans a cut), under the clock.
 */
async function replaceInPieces(guard: RuleGuard, impl: (this: unknown, ...args: unknown[]) => unknown, self: unknown, args: unknown[]): Promise<unknown> {
  const [str, pattern, replacement, limit] = args as [string, string, unknown, number | undefined];
  const cuts = [0];
  let seen = 0;
  for (let at = str.indexOf(pattern); at !== -1; at = str.indexOf(pattern, at + pattern.length)) {
    if (++seen % 4096 === 0) {
      cuts.push(at + pattern.length);
      guard.check();
    }
  }
  if (cuts.length === 1) return impl.apply(self, args);
  cuts.push(str.length);
  let out = '';
  let left = limit;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const piece = str.slice(cuts[i], cuts[i + 1]);
    if (left !== undefined && left <= 0) out += piece;
    else out += (await impl.call(self, piece, pattern, replacement, left)) as string;
    if (left !== undefined) left -= 4096;
    guard.chars(out.length);
  }
  return out;
}

/** Checks on the arguments

/** Checks on the arguments of a built-in, before it allocates its result. */
const before: Readonly<Record<string, (guard: RuleGuard, args: unknown[]) => void>> = {
  pad(guard, [str, width, char]) {
    if (typeof str !== 'string' || typeof width !== 'number') return;
    const padLength = Math.abs(Math.trunc(width)) - str.length;
    if (padLength > 0) guard.chars(padLength * Math.max(1, typeof char === 'string' ? char.length : 1));
  },
  join(guard, [strs, separator]) {
    if (!Array.isArray(strs)) return;
    let total = typeof separator === 'string' ? separator.length * Math.max(0, strs.length - 1) : 0;
    for (const s of strs) total += sizeOf(s);
    guard.chars(total);
  },
  append(guard, [a, b]) {
    guard.items((a === undefined ? 0 : Array.isArray(a) ? a.length : 1) + (b === undefined ? 0 : Array.isArray(b) ? b.length : 1));
  },
  sort(guard, [arr]) {
    if (Array.isArray(arr)) guard.charge(arr.length * Math.ceil(Math.log2(arr.length + 1)));
  },
  string(guard, [value]) {
    if (value !== null && typeof value === 'object') guard.chars(jsonLength(guard, value, guard.maxChars + 1));
  },
  zip(guard, args) {
    const lengths = args.map((a) => (Array.isArray(a) ? a.length : 1));
    guard.items(Math.min(...lengths) * args.length);
  },
};

/** Regex built-ins run in one native call: their input is capped (RE2 keeps each call linear). */
for (const name of ['match', 'replace', 'split', 'contains']) {
  const own = before[name];
  (before as Record<string, (guard: RuleGuard, args: unknown[]) => void>)[name] = (guard, args) => {
    own?.(guard, args);
    if (args[1] instanceof Object && typeof args[0] === 'string' && args[0].length > MAX_REGEX_INPUT) {
      throw new MigrationError('output-size', `a regex was run over ${args[0].length} characters (at most ${MAX_REGEX_INPUT})`);
    }
  };
}

/** Built-ins replaced outright (their JSONata implementation cannot be bounded from outside). */
const replaced: Readonly<Record<string, (this: Focus, guard: RuleGuard, ...args: unknown[]) => unknown>> = { distinct };

/**
 * Runs one call of a JSONata built-in under `guard`: the call is charged for the arguments it
 * walks, refused before allocating when its result would break the size bounds, and its result
 * is checked afterwards. Returns what the implementation returns (a Promise for async ones).
 */
export function boundedCall(guard: RuleGuard, name: string, impl: (this: unknown, ...args: unknown[]) => unknown, self: unknown, args: unknown[]): unknown {
  let units = 0;
  for (let i = 0; i < args.length; i++) units += sizeOf(args[i]);
  guard.charge(units);
  before[name]?.(guard, args);
  const own = replaced[name];
  let result: unknown;
  if (own) result = own.call(self as Focus, guard, ...args);
  else if (name === 'split' && typeof args[1] === 'string') result = split(guard, args[0], args[1], args[2]);
  else if (name === 'sort' && args[1] === undefined) result = sortScalars(guard, args[0]);
  else if (name === 'replace' && typeof args[0] === 'string' && typeof args[1] === 'string' && args[1] !== '' && !((args[3] as number) < 0))
    result = replaceInPieces(guard, impl, self, args);
  else result = impl.apply(self, args);
  if (result instanceof Promise) return result.then((r) => checkResult(guard, r));
  return checkResult(guard, result);
}

/** A built-in's result within the size bounds, charged for its size. */
export function checkResult<T>(guard: RuleGuard, result: T): T {
  if (typeof result === 'string') guard.chars(result.length);
  else if (Array.isArray(result)) guard.items(result.length);
  return result;
}
