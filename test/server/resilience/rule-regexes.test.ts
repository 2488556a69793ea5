import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileTransform } from '../../../core/migrate/compile-transform.js';
import { RegistryError } from '../../../core/errors/index.js';

const hostile = `${'a'.repeat(40)}!`; // ~2^40 backtracking steps for ^(a+)+$ on V8's engine

describe('regexes in migration rules run on RE2', () => {
  it('evaluates a catastrophic $match in linear time', async () => {
    const rule = compileTransform('{ "matched": $exists($match(s, /^(a+)+$/)) }');
    const started = performance.now();
    expect(await rule({ s: hostile })).toEqual({ matched: false });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it.each([
    '$match("a1 b22 c333", /([a-z])(\\d+)/)',
    '$match("x1y22z", /\\d+/, 1)',
    '$replace("Hello hello", /hello/i, "bye")',
    '$replace("2024-01-15", /(\\d+)-(\\d+)-(\\d+)/, "$3/$2/$1")',
    '$split("a, b,c", /,\\s*/)',
    '$contains("ABC", /b/i)',
    '$match("line1\\nline2", /^line\\d$/m)',
    '$match("é-ü", /[^-]+/)',
  ])('gives the same answer as JSONata on V8 for %s', async (expr) => {
    // Compared as JSON: JSONata marks its result sequences with extra properties.
    expect(JSON.stringify(await compileTransform(expr)({}))).toBe(JSON.stringify(await jsonata(expr).evaluate({})));
  });

  it.each([
    ['a lookahead', '$match(s, /a(?=b)/)'],
    ['a negative lookbehind', '$match(s, /(?<!a)b/)'],
    ['a backreference', '$replace(s, /(a)\\1/, "")'],
  ])('refuses %s when the rule is compiled, naming RE2', (_name, expr) => {
    let refused: unknown;
    try {
      compileTransform(expr);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(RegistryError);
    expect((refused as RegistryError).code).toBe('INVALID_RULESET');
    expect((refused as RegistryError).message).toMatch(/RE2/);
  });
});
