/**
 * Bounds of a number flat, tightened to integers when every value is one, and ajv's `multipleOf`.
 *
 * ajv accepts x under `multipleOf: d` when `q = x / d` (floating point) satisfies
 * `q === parseInt(q)` (see node_modules/ajv/dist/vocabularies/validation/multipleOf.js; Charter
 * sets no multipleOfPrecision). Two consequences the engine must respect:
 *  - a quotient that underflows to 0 passes: 5e-324 is a "multiple of 2", so an integer divisor
 *    does not make the values integers (only `multipleOf: 1` does: x / 1 === x);
 *  - a quotient of 1e21 or more fails (`parseInt("1e+21")` is 1): 2.4e21 is an integer but not a
 *    "multiple of 2" — so `multipleOf: 4` does not imply `multipleOf: 2` for unbounded values.
 */

import type { Flat } from '../../normalize/index.js';

/** Beyond this magnitude the engine does not reason about quotients. */
const EXACT_LIMIT = 2 ** 53;

/** Every value of the flat is an integer (ajv's `integer`, or `multipleOf: 1`). */
export function aIsInteger(f: Flat): boolean {
  return f.integer || f.multipleOf.includes(1);
}

/**
 * Every number the writer flat `fA` accepts is accepted by `multipleOf: b` as ajv computes it.
 * Decided exactly only where the arithmetic is exact: the writer's values are integers within
 * ±2^53 (then x / a is exact, so "x / a is an integer" means a divides x), and b divides one of the
 * writer's integer divisors (or is 1). Otherwise: not proved.
 */
export function multipleImplied(fA: Flat, b: number): boolean {
  if (fA.multipleOf.includes(b)) return true;
  if (!aIsInteger(fA)) return false;
  const [lo] = effLo(fA);
  const [hi] = effHi(fA);
  if (b === 1) {
    // x / 1 === x: an integer passes unless it is 1e21 or more in magnitude
    return lo !== undefined && hi !== undefined && lo > -1e21 && hi < 1e21;
  }
  if (!Number.isSafeInteger(b) || b <= 0) return false;
  if (lo === undefined || hi === undefined || lo < -EXACT_LIMIT || hi > EXACT_LIMIT) return false;
  return fA.multipleOf.some((a) => Number.isSafeInteger(a) && a > 0 && a % b === 0);
}

export function effLo(f: Flat): [number | undefined, boolean] {
  if (f.lo === undefined) return [undefined, false];
  if (aIsInteger(f)) return [f.loEx ? Math.floor(f.lo) + 1 : Math.ceil(f.lo), false];
  return [f.lo, f.loEx];
}

export function effHi(f: Flat): [number | undefined, boolean] {
  if (f.hi === undefined) return [undefined, false];
  if (aIsInteger(f)) return [f.hiEx ? Math.ceil(f.hi) - 1 : Math.floor(f.hi), false];
  return [f.hi, f.hiEx];
}

export const loText = (f: Flat) => (f.lo === undefined ? undefined : f.loEx ? { exclusiveMinimum: f.lo } : { minimum: f.lo });
export const hiText = (f: Flat) => (f.hi === undefined ? undefined : f.hiEx ? { exclusiveMaximum: f.hi } : { maximum: f.hi });
