import { tupleModel } from '../content-model.js';
import type { SRef } from '../flat.js';
import { child } from '../refs.js';
import type { KeywordParser } from './keyword-parser.js';
import { nonNegInt } from './read.js';

export const arrays: KeywordParser = {
  name: 'items, prefixItems, additionalItems, item counts, uniqueItems and contains',
  parse(f, s, r) {
    let constrains = false;
    const draft = r.doc.draft;
    const modern = draft !== 'draft-07';
    let prefix: SRef[] | undefined;
    let rest: SRef | undefined;
    if (Array.isArray(s.items)) {
      // draft-07 / 2019-09 tuple form (also accepted, leniently, in a 2020-12 document)
      prefix = s.items.map((v) => child(r, v));
      if ('additionalItems' in s) rest = child(r, s.additionalItems);
    } else if (draft === '2020-12') {
      if (Array.isArray(s.prefixItems)) prefix = s.prefixItems.map((v) => child(r, v));
      if ('items' in s) rest = child(r, s.items);
    } else if ('items' in s) {
      rest = child(r, s.items);
    }
    if (prefix || rest) {
      f.tuples = [{ prefix: prefix ?? [], rest, model: tupleModel(rest), unevaluated: false }];
      constrains = true;
    }
    const minItems = nonNegInt(s.minItems);
    const maxItems = nonNegInt(s.maxItems);
    if (minItems !== undefined) f.minItems = minItems;
    if (maxItems !== undefined) f.maxItems = maxItems;
    if (s.uniqueItems === true) f.unique = true;
    if (minItems || maxItems !== undefined || f.unique) constrains = true;
    if ('contains' in s) {
      let min = 1;
      let max: number | undefined;
      if (modern) {
        const mn = nonNegInt(s.minContains);
        const mx = nonNegInt(s.maxContains);
        if (mn !== undefined) min = mn;
        if (mx !== undefined) max = mx;
      }
      f.contains = [{ schema: child(r, s.contains), min, max }];
      constrains = true;
    }
    return constrains;
  },
};
