import type { Flat } from './flat.js';

/** Keeps the tighter of two bounds (an exclusive bound is tighter than an inclusive one at the same value). */
export function tightenLo(f: Flat, v: number, ex: boolean): void {
  if (f.lo === undefined || v > f.lo || (v === f.lo && ex)) {
    f.lo = v;
    f.loEx = ex;
  }
}

export function tightenHi(f: Flat, v: number, ex: boolean): void {
  if (f.hi === undefined || v < f.hi || (v === f.hi && ex)) {
    f.hi = v;
    f.hiEx = ex;
  }
}
