/** Generation state: a seeded PRNG (mulberry32), hint keys and a step budget. */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Gen {
  rnd: () => number;
  hints: readonly string[];
  budget: number;
  minimal: boolean;
}

export const pick = <T>(g: Gen, xs: readonly T[]): T => xs[Math.floor(g.rnd() * xs.length)];
export const int = (g: Gen, lo: number, hi: number): number => lo + Math.floor(g.rnd() * (hi - lo + 1));

export class NoInstance extends Error {}
export const fail = (): never => {
  throw new NoInstance();
};
