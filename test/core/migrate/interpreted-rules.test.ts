import { afterEach, describe, expect, it } from 'vitest';
import { compileTransform, onInterpretedRule, onInterpretedRun, type InterpretedRule } from '../../../core/migrate/index.js';

const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

describe('a rule the compiler does not take is visible', () => {
  it('reports the fallback once when compiled, with the construct that caused it, and every interpreted run', async () => {
    const compiledSeen: InterpretedRule[] = [];
    const runs: InterpretedRule[] = [];
    stops.push(onInterpretedRule((r) => compiledSeen.push(r)), onInterpretedRun((r) => runs.push(r)));

    const sorted = compileTransform('{"skus": $sort(items.sku)}');
    expect(sorted.compiled).toBe(false);
    expect(sorted.interpretedBecause).toMatch(/sort/);
    expect(compiledSeen).toEqual([{ expr: '{"skus": $sort(items.sku)}', reason: sorted.interpretedBecause }]);

    expect(await sorted({ items: [{ sku: 'b' }, { sku: 'a' }] })).toEqual({ skus: ['a', 'b'] });
    await sorted({ items: [] });
    expect(runs).toHaveLength(2);
  });

  it('stays silent for a compiled rule, and stops calling a listener once removed', async () => {
    const seen: InterpretedRule[] = [];
    const stop = onInterpretedRule((r) => seen.push(r));
    const plain = compileTransform('{"id": orderId}');
    expect(plain.compiled).toBe(true);
    expect(plain.interpretedBecause).toBeUndefined();
    stop();
    compileTransform('$match(orderId, /a/)');
    expect(seen).toEqual([]);
  });

  it('never lets a failing listener fail the rule', async () => {
    stops.push(onInterpretedRun(() => {
      throw new Error('observer bug');
    }));
    expect(await compileTransform('$reverse([1, 2])[0]')({})).toBe(2);
  });
});
