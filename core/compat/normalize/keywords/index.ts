import { arrays } from './arrays.js';
import { combinators } from './combinators.js';
import { dependencies } from './dependencies.js';
import type { KeywordParser } from './keyword-parser.js';
import { numbers } from './numbers.js';
import { objects } from './objects.js';
import { opaque } from './opaque.js';
import { strings } from './strings.js';
import { types } from './types.js';
import { unevaluated } from './unevaluated.js';

export type { KeywordParser } from './keyword-parser.js';

/**
 * The keyword families an atom is read with, in order. Order matters only where a family appends
 * to what an earlier one set (`unevaluated` after `objects` and `arrays`).
 */
export const keywordParsers: readonly KeywordParser[] = [types, numbers, strings, objects, dependencies, arrays, unevaluated, combinators, opaque];
