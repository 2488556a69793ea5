/** Bounds of a number flat, tightened to integers when every value is one. */

import type { Flat } from '../../normalize/index.js';

function isIntegerValued(m: number): boolean {
  return Number.isInteger(m);
}

/** Every number accepted by `multipleOf: a` is accepted by `multipleOf: b` (as ajv computes it). */
export function multipleImplies(a: number, b: number): boolean {
  if (a === b) return true;
  return isIntegerValued(a) && isIntegerValued(b) && Number.isSafeInteger(a) && a % b === 0;
}

export function aIsInteger(f: Flat): boolean {
  return f.integer || f.multipleOf.some(isIntegerValued);
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
