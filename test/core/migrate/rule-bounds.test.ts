import { describe, expect, it } from 'vitest';
import { compileTransform, MigrationError } from '../../../core/migrate/index.js';

const failureOf = async (run: () => unknown): Promise<string | undefined> => {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(MigrationError);
    return (error as MigrationError).failure;
  }
  return undefined;
};

describe('a rule that breaks its bounds', () => {
  it('stops endless recursion with a call-depth failure', async () => {
    const t = compileTransform('( $f := function($x){ $f($x) }; $f(1) )');
    expect(t.compiled).toBe(true);
    expect(await failureOf(() => t({}))).toBe('call-depth');
  });

  it('stops endless recursion in the JSONata fallback too', async () => {
    // A regex keeps this expression out of the compiled subset.
    const t = compileTransform('( $f := function($x){ $f($x) }; $contains("a", /a/) ? $f(1) : 0 )');
    expect(t.compiled).toBe(false);
    expect(await failureOf(() => t({}))).toMatch(/timeout|call-depth/);
  });

  it('stops a loop that runs past the timeout', async () => {
    const t = compileTransform('$map([1..100000], function($v){ $sum([1..200]) })', { timeoutMs: 20 });
    const started = Date.now();
    expect(await failureOf(() => t({}))).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops a string that doubles without end', async () => {
    const t = compileTransform('( $f := function($s){ $f($s & $s) }; $f("ab") )');
    expect(await failureOf(() => t({}))).toBe('output-size');
  });

  it('refuses an output larger than maxOutputBytes', async () => {
    const t = compileTransform('$map([1..5000], function($v){ "xxxxxxxxxx" })', { maxOutputBytes: 10_000 });
    expect(await failureOf(() => t({}))).toBe('output-size');
  });

  it('refuses an output nested deeper than maxDepth', async () => {
    const t = compileTransform('{"a": {"b": {"c": {"d": 1}}}}', { maxDepth: 3 });
    expect(await failureOf(() => t({}))).toBe('output-depth');
  });

  it('keeps the JSONata error code of a failing expression', async () => {
    const t = compileTransform('price * 2');
    try {
      t({ price: 'ten' });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ failure: 'evaluation', jsonataCode: 'T2001' });
    }
  });

  it('reports a syntax error as INVALID_RULESET with its position', () => {
    expect(() => compileTransform('{ "a": orderId ')).toThrowError(
      expect.objectContaining({ code: 'INVALID_RULESET', errorCode: 42210, details: expect.objectContaining({ position: expect.any(Number) }), message: expect.stringMatching(/position \d+/) }),
    );
  });

  it('gives the generated code no way to reach globals', () => {
    const t = compileTransform('{"p": $process, "g": $globalThis, "r": $require}');
    expect(t.compiled).toBe(true);
    expect(t({})).toEqual({});
  });
});
