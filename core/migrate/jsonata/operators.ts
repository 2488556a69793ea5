import { toBoolean, toText } from './builtins.js';
import type { RuleGuard } from '../rule-guard.js';
import { seq, type Sequence } from './sequence.js';

/**
 * JSONata's operators with its exact type rules and error codes (errors are thrown as JSONata
 * throws them: plain objects with a `code`), so compiled code fails where the evaluator fails.
 */
type Thrown = { code: string; value?: unknown; value2?: unknown };
const fail = (code: string, value?: unknown, value2?: unknown): never => {
  throw { code, value, value2 } satisfies Thrown;
};

/** JSONata's isNumeric: NaN is not a number, an infinite number is an error. */
export function isNumeric(n: unknown): n is number {
  if (typeof n !== 'number') return false;
  if (Number.isNaN(n)) return false;
  if (!Number.isFinite(n)) fail('D1001', n);
  return true;
}

export function arith(lhs: unknown, rhs: unknown, op: string): number | undefined {
  if (lhs !== undefined && !isNumeric(lhs)) fail('T2001', lhs);
  if (rhs !== undefined && !isNumeric(rhs)) fail('T2002', rhs);
  if (lhs === undefined || rhs === undefined) return undefined;
  const l = lhs as number;
  const r = rhs as number;
  return op === '+' ? l + r : op === '-' ? l - r : op === '*' ? l * r : op === '/' ? l / r : l % r;
}

export function negate(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (isNumeric(value)) return -value;
  return fail('D1002', value);
}

export function deepEqual(lhs: unknown, rhs: unknown): boolean {
  if (lhs === rhs) return true;
  if (typeof lhs !== 'object' || typeof rhs !== 'object' || lhs === null || rhs === null) return false;
  if (Array.isArray(lhs) && Array.isArray(rhs)) {
    if (lhs.length !== rhs.length) return false;
    for (let i = 0; i < lhs.length; i++) if (!deepEqual(lhs[i], rhs[i])) return false;
    return true;
  }
  // An array against an object compares own property names, as JSONata does.
  const lk = Object.getOwnPropertyNames(lhs).sort();
  const rk = Object.getOwnPropertyNames(rhs).sort();
  if (lk.length !== rk.length) return false;
  for (let i = 0; i < lk.length; i++) if (lk[i] !== rk[i]) return false;
  for (const k of lk) if (!deepEqual((lhs as Record<string, unknown>)[k], (rhs as Record<string, unknown>)[k])) return false;
  return true;
}

export function equals(lhs: unknown, rhs: unknown, negated: boolean): boolean {
  if (lhs === undefined || rhs === undefined) return false;
  return negated ? !deepEqual(lhs, rhs) : deepEqual(lhs, rhs);
}

export function compare(lhs: unknown, rhs: unknown, op: string): boolean | undefined {
  const lt = typeof lhs;
  const rt = typeof rhs;
  const lc = lt === 'undefined' || lt === 'string' || lt === 'number';
  const rc = rt === 'undefined' || rt === 'string' || rt === 'number';
  if (!lc || !rc) fail('T2010', !(lt === 'string' || lt === 'number') ? lhs : rhs);
  if (lt === 'undefined' || rt === 'undefined') return undefined;
  if (lt !== rt) fail('T2009', lhs, rhs);
  const l = lhs as number;
  const r = rhs as number;
  return op === '<' ? l < r : op === '<=' ? l <= r : op === '>' ? l > r : l >= r;
}

/** `&`: both sides cast with `$string`; the result is bounded so doubling loops stop early. */
export function concat(lhs: unknown, rhs: unknown, guard: RuleGuard): string {
  const l = lhs === undefined ? '' : toText(lhs);
  const r = rhs === undefined ? '' : toText(rhs);
  guard.chars(l.length + r.length);
  return l + r;
}

export function includes(lhs: unknown, rhs: unknown): boolean {
  if (lhs === undefined || rhs === undefined) return false;
  const list = Array.isArray(rhs) ? rhs : [rhs];
  for (const item of list) if (item === lhs) return true;
  return false;
}

/** `and`/`or` operands: JSONata's effective boolean, with nothing counting as false. */
export function boolize(value: unknown): boolean {
  return toBoolean(value) ?? false;
}

export function range(lhs: unknown, rhs: unknown, guard: RuleGuard): Sequence | undefined {
  if (lhs !== undefined && !Number.isInteger(lhs)) fail('T2003', lhs);
  if (rhs !== undefined && !Number.isInteger(rhs)) fail('T2004', rhs);
  if (lhs === undefined || rhs === undefined) return undefined;
  const lo = lhs as number;
  const hi = rhs as number;
  if (lo > hi) return undefined;
  const size = hi - lo + 1;
  if (size > 1e7) fail('D2014', size);
  // Counted before it is built, and built in slices between clock checks.
  guard.items(size);
  const out = seq();
  for (let v = lo; v <= hi; v++) {
    if ((v - lo) % 65536 === 65535) guard.check();
    out.push(v);
  }
  return out;
}
