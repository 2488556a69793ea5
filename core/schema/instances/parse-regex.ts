import { DIGITS, PRINTABLE, SPACE, WORD } from './alphabets.js';

/** Regular expressions → a small AST (a subset; anything else throws and falls back to stock strings). */
export type RNode =
  | { t: 'seq'; items: RNode[] }
  | { t: 'alt'; options: RNode[] }
  | { t: 'chars'; chars: string[]; negate: boolean }
  | { t: 'rep'; node: RNode; min: number; max: number }
  | { t: 'empty' };
export function parseRegex(src: string): RNode {
  let i = 0;
  const parseAlt = (): RNode => {
    const options: RNode[] = [parseSeq()];
    while (src[i] === '|') {
      i++;
      options.push(parseSeq());
    }
    return options.length === 1 ? options[0] : { t: 'alt', options };
  };
  const parseSeq = (): RNode => {
    const items: RNode[] = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      let atom = parseAtom();
      // quantifiers
      for (;;) {
        const c = src[i];
        let min = -1;
        let max = -1;
        if (c === '*') [min, max] = [0, 3];
        else if (c === '+') [min, max] = [1, 4];
        else if (c === '?') [min, max] = [0, 1];
        else if (c === '{') {
          const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
          if (!m) break;
          min = Number(m[1]);
          max = m[2] ? (m[3] ? Number(m[3]) : min + 3) : min;
          i += m[0].length - 1;
        } else break;
        i++;
        if (src[i] === '?') i++;
        atom = { t: 'rep', node: atom, min, max: Math.min(max, min + 8) };
      }
      items.push(atom);
    }
    return { t: 'seq', items };
  };
  const parseClassEscape = (c: string): string[] | undefined => {
    switch (c) {
      case 'd': return DIGITS;
      case 'w': return WORD;
      case 's': return SPACE;
      case 'D': return PRINTABLE.filter((x) => !DIGITS.includes(x));
      case 'W': return PRINTABLE.filter((x) => !WORD.includes(x));
      case 'S': return PRINTABLE.filter((x) => x !== ' ');
      default: return undefined;
    }
  };
  const parseAtom = (): RNode => {
    const c = src[i++];
    if (c === '^' || c === '$') return { t: 'empty' };
    if (c === '.') return { t: 'chars', chars: WORD, negate: false };
    if (c === '(') {
      if (src[i] === '?') {
        if (src[i + 1] === ':') i += 2;
        else throw new Error('unsupported group');
      }
      const inner = parseAlt();
      if (src[i] !== ')') throw new Error('unbalanced');
      i++;
      return inner;
    }
    if (c === '[') {
      let negate = false;
      if (src[i] === '^') {
        negate = true;
        i++;
      }
      const chars: string[] = [];
      let first = true;
      while (i < src.length && (src[i] !== ']' || first)) {
        first = false;
        let ch = src[i++];
        if (ch === '\\') {
          const e = src[i++];
          const cls = parseClassEscape(e);
          if (cls) {
            chars.push(...cls);
            continue;
          }
          ch = e === 'n' ? '\n' : e === 't' ? '\t' : e;
        }
        if (src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
          let end = src[i + 1];
          i += 2;
          if (end === '\\') end = src[i++];
          const a = ch.codePointAt(0)!;
          const b = end.codePointAt(0)!;
          for (let x = a; x <= b && x - a < 200; x++) chars.push(String.fromCodePoint(x));
        } else chars.push(ch);
      }
      if (src[i] !== ']') throw new Error('unbalanced class');
      i++;
      return { t: 'chars', chars: negate ? PRINTABLE.filter((x) => !chars.includes(x)) : chars, negate: false };
    }
    if (c === '\\') {
      const e = src[i++];
      const cls = parseClassEscape(e);
      if (cls) return { t: 'chars', chars: cls, negate: false };
      if (e === 'b' || e === 'B') return { t: 'empty' };
      if (/[1-9]/.test(e)) throw new Error('backreference');
      if (e === 'u' && /^[0-9a-fA-F]{4}/.test(src.slice(i))) {
        const ch = String.fromCharCode(parseInt(src.slice(i, i + 4), 16));
        i += 4;
        return { t: 'chars', chars: [ch], negate: false };
      }
      if (e === 'p' || e === 'P') throw new Error('unicode property');
      return { t: 'chars', chars: [e === 'n' ? '\n' : e === 't' ? '\t' : e], negate: false };
    }
    return { t: 'chars', chars: [c], negate: false };
  };
  const node = parseAlt();
  if (i !== src.length) throw new Error('trailing');
  return node;
}
