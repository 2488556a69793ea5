import type { Flat } from '../../compat/normalize/index.js';
import { fail, int, pick, type Gen } from './gen.js';

export function genNumber(g: Gen, f: Flat): number {
  const integer = f.integer || f.multipleOf.some(Number.isInteger);
  let lo = f.lo ?? -1e6;
  let hi = f.hi ?? 1e6;
  if (integer) {
    lo = f.lo === undefined ? -1e6 : f.loEx ? Math.floor(f.lo) + 1 : Math.ceil(f.lo);
    hi = f.hi === undefined ? 1e6 : f.hiEx ? Math.ceil(f.hi) - 1 : Math.floor(f.hi);
  }
  if (lo > hi) fail();
  if (f.multipleOf.length) {
    let m = f.multipleOf[0];
    for (const x of f.multipleOf.slice(1)) if (Number.isInteger(m) && Number.isInteger(x)) m = (m * x) / gcd(m, x);
    const kLo = Math.ceil(lo / m);
    const kHi = Math.floor(hi / m);
    if (kLo > kHi) fail();
    const k = g.minimal ? (kLo <= 0 && kHi >= 0 ? 0 : kLo) : pick(g, [kLo, kHi, int(g, kLo, Math.min(kHi, kLo + 1000)), kLo <= 0 && kHi >= 0 ? 0 : kLo]);
    return k * m;
  }
  const candidates: number[] = [];
  if (f.lo === undefined || !f.loEx || integer) candidates.push(lo);
  else candidates.push(lo + Math.max(Math.abs(lo) * 1e-9, 1e-6));
  if (f.hi === undefined || !f.hiEx || integer) candidates.push(hi);
  else candidates.push(hi - Math.max(Math.abs(hi) * 1e-9, 1e-6));
  if (lo <= 0 && hi >= 0) candidates.push(0);
  candidates.push(integer ? int(g, Math.max(lo, -1000), Math.min(hi, 1000)) : lo + g.rnd() * (hi - lo));
  if (!integer) candidates.push(Math.round((lo + (hi - lo) / 2) * 100) / 100 + 0.5);
  if (g.minimal) return lo <= 0 && hi >= 0 ? 0 : candidates[0];
  return pick(g, candidates);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return Math.abs(a);
}
