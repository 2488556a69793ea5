import type { KeywordParser } from './keyword-parser.js';

/** Keywords the engine cannot compare: the subset check requires them to be equal on both sides. */
const OPAQUE = ['formatMinimum', 'formatMaximum', 'formatExclusiveMinimum', 'formatExclusiveMaximum'];
export const opaque: KeywordParser = {
  name: 'formatMinimum and friends (compared only for equality)',
  parse(f, s) {
    let constrains = false;
    for (const k of OPAQUE) {
      if (k in s) {
        f.opaque = [...f.opaque, [k, s[k]]];
        constrains = true;
      }
    }
    return constrains;
  },
};
