import { describe, expect, it } from 'vitest';
import { re2RegExp } from '../../../core/schema/re2-regexp.js';

/** Patterns JSON Schemas use, and inputs where the two engines could disagree. */
const cases: Array<[string, string[]]> = [
  ['^[A-Z]{3}$', ['EUR', 'eur', 'EURO', '']],
  ['^\\d+$', ['123', '１２３', '12a']],
  ['^\\w+$', ['abc_1', 'é', 'a-b']],
  ['^\\s+$', [' ', '\t\n', '\u00a0', '\u2028', '\ufeff', 'x']],
  ['^\\S+$', ['abc', 'a b', 'a\u00a0b']],
  ['^[\\s,]+$', [' , ', '\u3000,']],
  ['^a.c$', ['abc', 'a\nc', 'a\rc', 'a\u2028c', 'a😀c']],
  ['^\\p{Lu}\\p{Ll}+$', ['Émile', 'émile']],
  ['^[a-z]+@[a-z]+\\.[a-z]{2,}$', ['a@b.io', 'a@b.c', 'A@b.io']],
  ['^(a+)+$', ['aaaa', 'aaa!']],
  ['^\\u00e9+$', ['éé', 'e']],
  ['colou?r', ['my colour', 'color!', 'colr']],
  ['^$', ['', 'x']],
  ['^[^/]+$', ['a.b', 'a/b']],
  ['^(?:[0-9]{1,3}\\.){3}[0-9]{1,3}$', ['10.0.0.1', '10.0.0']],
  ['^\\x41\\t$', ['A\t', 'A ']],
];

describe('JSON Schema patterns on RE2 mean what they mean on V8', () => {
  it.each(cases)('%s', (pattern, inputs) => {
    const re2 = re2RegExp(pattern, 'u');
    const v8 = new RegExp(pattern, 'u');
    expect(inputs.map((input) => re2.test(input))).toEqual(inputs.map((input) => v8.test(input)));
  });
});
