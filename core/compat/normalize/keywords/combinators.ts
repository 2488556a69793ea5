import { OMIT_ANYOF, OMIT_IF, OMIT_ONEOF } from '../flat.js';
import { child } from '../refs.js';
import type { KeywordParser } from './keyword-parser.js';

/** Skips the keywords the caller already expanded on this atom (`r.omit`). */
export const combinators: KeywordParser = {
  name: 'anyOf, oneOf, not and if/then/else (kept as pending groups)',
  parse(f, s, r) {
    let constrains = false;
    if (!(r.omit & OMIT_ANYOF) && Array.isArray(s.anyOf) && s.anyOf.length) {
      f.groups = [...f.groups, { owner: r, alts: s.anyOf.map((v) => child(r, v)), one: false }];
      constrains = true;
    }
    if (!(r.omit & OMIT_ONEOF) && Array.isArray(s.oneOf) && s.oneOf.length) {
      f.groups = [...f.groups, { owner: r, alts: s.oneOf.map((v) => child(r, v)), one: true }];
      constrains = true;
    }
    if ('not' in s) {
      f.nots = [child(r, s.not)];
      constrains = true;
    }
    if (!(r.omit & OMIT_IF) && 'if' in s && ('then' in s || 'else' in s)) {
      f.conds = [{
        owner: r,
        if: child(r, s.if),
        then: 'then' in s ? child(r, s.then) : undefined,
        else: 'else' in s ? child(r, s.else) : undefined,
      }];
      constrains = true;
    }
    return constrains;
  },
};
