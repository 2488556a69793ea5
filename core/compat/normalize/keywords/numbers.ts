import { tightenHi, tightenLo } from '../bounds.js';
import type { KeywordParser } from './keyword-parser.js';
import { bound, num } from './read.js';

/** Draft-04 boolean `exclusiveMinimum`/`exclusiveMaximum` qualify `minimum`/`maximum`. */
export const numbers: KeywordParser = {
  name: 'minimum, maximum, exclusive bounds and multipleOf',
  parse(f, s) {
    let constrains = false;
    const minimum = bound(s.minimum);
    const maximum = bound(s.maximum);
    if (minimum !== undefined) tightenLo(f, minimum, s.exclusiveMinimum === true);
    if (maximum !== undefined) tightenHi(f, maximum, s.exclusiveMaximum === true);
    const exMin = bound(s.exclusiveMinimum);
    const exMax = bound(s.exclusiveMaximum);
    if (exMin !== undefined) tightenLo(f, exMin, true);
    if (exMax !== undefined) tightenHi(f, exMax, true);
    const mult = num(s.multipleOf);
    if (mult !== undefined && mult > 0) f.multipleOf = [mult];
    if (f.lo !== undefined || f.hi !== undefined || f.multipleOf.length) constrains = true;
    return constrains;
  },
};
