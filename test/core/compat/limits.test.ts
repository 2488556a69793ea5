/** Step budget and deadline of the engine's entry points: past them, UNDECIDABLE_LIMIT, never a throw. */
import { describe, expect, it } from 'vitest';
import { checkCompatibility, classifyChange, diffSchemas, findCounterexample } from '../../../core/compat/index.js';

/** `slack` widens every property: a newer version with more slack is backward compatible. */
function wide(n: number, extra: Record<string, unknown> = {}, slack = 0) {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) properties[`p${i}`] = { anyOf: [{ type: 'string', maxLength: i + 1 + slack }, { type: 'integer', minimum: i - slack }] };
  return { type: 'object', properties, ...extra };
}

describe('engine limits', () => {
  it('a check past its step budget answers incompatible with UNDECIDABLE_LIMIT', () => {
    expect(checkCompatibility({ schema: wide(50, {}, 1) }, [{ schema: wide(50) }], 'BACKWARD').compatible).toBe(true);
    const limited = checkCompatibility({ schema: wide(50, {}, 2) }, [{ schema: wide(50) }], 'BACKWARD', { limits: { steps: 40 } });
    expect(limited.compatible).toBe(false);
    expect(limited.changes.map((c) => c.kind)).toContain('UNDECIDABLE_LIMIT');
  });

  it('a check past its deadline answers incompatible with UNDECIDABLE_LIMIT', () => {
    const result = checkCompatibility({ schema: wide(300, {}, 3) }, [{ schema: wide(300) }], 'BACKWARD', { limits: { timeMs: 0 } });
    expect(result.compatible).toBe(false);
    expect(result.changes.map((c) => c.kind)).toContain('UNDECIDABLE_LIMIT');
  });

  it('classification and diff stay within limits too', () => {
    const older = wide(40);
    const newer = wide(40, {}, 4);
    expect(classifyChange({ schema: older }, { schema: wide(40, { title: 'x' }) }, 'BACKWARD')).toBe('patch');
    expect(classifyChange({ schema: older }, { schema: newer }, 'BACKWARD')).toBe('minor');
    expect(classifyChange({ schema: older }, { schema: wide(40, {}, 5) }, 'BACKWARD', { limits: { steps: 10 } })).toBe('major');
    expect(diffSchemas({ schema: older }, { schema: wide(40, {}, 6) }, { limits: { steps: 10 } }).map((c) => c.kind)).toContain('UNDECIDABLE_LIMIT');
  });

  it('the counterexample search gives up on schemas ajv would validate exponentially', () => {
    const defs: Record<string, unknown> = {};
    for (let i = 0; i < 24; i++) defs[`d${i}`] = i === 23 ? { type: 'number' } : { anyOf: [{ $ref: `#/$defs/d${i + 1}` }, { allOf: [{ $ref: `#/$defs/d${i + 1}` }, { minimum: i }] }] };
    const started = performance.now();
    expect(findCounterexample({ schema: { $defs: defs, $ref: '#/$defs/d0' } }, { schema: { type: 'integer' } })).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2000);
    // an ordinary pair still gets its witness
    expect(findCounterexample({ schema: { type: 'number' } }, { schema: { type: 'integer' } })).toEqual(expect.any(Number));
  });
});
