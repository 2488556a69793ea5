import { K_ALL, K_ARR, K_NUM, K_OBJ, K_STR } from '../../normalize/index.js';
import { subArray } from './arrays.js';
import { subCombinators } from './combinators.js';
import { subEnum } from './enums.js';
import type { KindRule } from './kind-rule.js';
import { subNumber } from './numbers.js';
import { subObject } from './objects/sub-object.js';
import { subOpaque } from './opaque.js';
import { subString } from './strings.js';

export type { KindQuery, KindRule } from './kind-rule.js';

/**
 * The rules a writer kind is checked with, in order (the order of the reported changes). Every
 * rule runs, so that all reasons are recorded; a failed rule stops the check only when nobody
 * records.
 */
export const kindRules: readonly KindRule[] = [
  { name: 'reader lists values (enum, const)', kinds: K_ALL, check: (q) => subEnum(q.fA, q.t, q.fB, q.path, q.ctx) },
  { name: 'numbers: integer, bounds, multipleOf, numeric formats', kinds: K_NUM, check: (q) => subNumber(q.fA, q.fB, q.path, q.ctx) },
  { name: 'strings: length, pattern, format', kinds: K_STR, check: (q) => subString(q.fA, q.fB, q.path, q.ctx) },
  { name: 'arrays: counts, items, uniqueItems, contains', kinds: K_ARR, check: (q) => subArray(q.fA, q.fB, q.path, q.depth, q.ctx) },
  { name: 'objects: required, properties, counts, names, dependencies', kinds: K_OBJ, check: (q) => subObject(q.fA, q.fB, q.path, q.depth, q.ctx, q.lenientA) },
  { name: 'opaque keywords must be equal', kinds: K_ALL, check: (q) => subOpaque(q.fA, q.fB, q.path, q.ctx) },
  { name: 'reader combinators: anyOf, oneOf, not, if/then/else', kinds: K_ALL, check: (q) => subCombinators(q.fA, q.t, q.fB, q.path, q.depth, q.ctx) },
];
