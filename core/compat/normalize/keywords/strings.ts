import type { KeywordParser } from './keyword-parser.js';
import { nonNegInt } from './read.js';

export const strings: KeywordParser = {
  name: 'minLength, maxLength, pattern and format',
  parse(f, s) {
    let constrains = false;
    const minLen = nonNegInt(s.minLength);
    const maxLen = nonNegInt(s.maxLength);
    if (minLen !== undefined) f.minLen = minLen;
    if (maxLen !== undefined) f.maxLen = maxLen;
    if (typeof s.pattern === 'string') f.patterns = [s.pattern];
    if (typeof s.format === 'string') f.formats = [s.format];
    if (minLen || maxLen !== undefined || f.patterns.length || f.formats.length) constrains = true;
    return constrains;
  },
};
