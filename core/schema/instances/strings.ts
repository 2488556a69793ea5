import type { Flat } from '../../compat/normalize/index.js';
import { codePointLength } from '../../compat/values.js';
import { WORD } from './alphabets.js';
import { FORMAT_SAMPLES } from './format-samples.js';
import { int, pick, type Gen } from './gen.js';
import { stringForPattern } from './string-for-pattern.js';

const STOCK_STRINGS = ['', 'a', 'abc', 'x-1', 'Hello world', 'é', '😀😀', '0', 'true', 'null', 'a'.repeat(40)];

export function genString(g: Gen, f: Flat): string {
  const lo = f.minLen;
  const hi = f.maxLen ?? Math.max(lo + 12, 12);
  for (const fmt of f.formats) {
    const samples = FORMAT_SAMPLES[fmt];
    if (samples) return pick(g, samples);
  }
  for (const p of f.patterns) {
    const s = stringForPattern(g, p);
    if (s !== undefined) return s;
  }
  if (f.patterns.length || (g.rnd() < 0.2 && !g.minimal)) {
    const fitting = STOCK_STRINGS.filter((s) => codePointLength(s) >= lo && codePointLength(s) <= hi);
    if (fitting.length) return pick(g, fitting);
  }
  const len = g.minimal ? lo : pick(g, [lo, hi, int(g, lo, Math.min(hi, lo + 8))]);
  const alphabet = g.rnd() < 0.15 ? ['é', 'ß', '😀', 'a'] : WORD;
  let s = '';
  for (let k = 0; k < Math.min(len, 10_000); k++) s += pick(g, alphabet);
  return s;
}
