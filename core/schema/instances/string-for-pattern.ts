import { compilePattern } from '../../compat/normalize/index.js';
import { int, pick, type Gen } from './gen.js';
import { parseRegex, type RNode } from './parse-regex.js';

function genRegex(g: Gen, node: RNode): string {
  switch (node.t) {
    case 'empty':
      return '';
    case 'chars':
      return node.chars.length ? pick(g, node.chars) : '';
    case 'seq':
      return node.items.map((n) => genRegex(g, n)).join('');
    case 'alt':
      return genRegex(g, pick(g, node.options));
    case 'rep': {
      const n = g.minimal ? node.min : int(g, node.min, node.max);
      let s = '';
      for (let k = 0; k < n; k++) s += genRegex(g, node.node);
      return s;
    }
  }
}

/** A string matching `pattern` (checked with the engine's RE2), or undefined. */
export function stringForPattern(g: Gen, pattern: string): string | undefined {
  const re = compilePattern(pattern);
  if (!re) return undefined;
  let node: RNode;
  try {
    node = parseRegex(pattern);
  } catch {
    return undefined;
  }
  for (let k = 0; k < 6; k++) {
    const anchoredStart = pattern.startsWith('^');
    const anchoredEnd = pattern.endsWith('$') && !pattern.endsWith('\\$');
    let s = genRegex(g, node);
    if (!anchoredStart && g.rnd() < 0.2) s = 'x' + s;
    if (!anchoredEnd && g.rnd() < 0.2) s = s + 'y';
    if (re.test(s)) return s;
  }
  return undefined;
}
