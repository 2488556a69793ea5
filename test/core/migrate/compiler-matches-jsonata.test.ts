import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTransform } from '../../../core/migrate/index.js';
import { viaCompiled, viaJsonata } from './differential.js';

/** Inputs shaped like events: a few known keys, nested objects and arrays, every JSON type. */
const scalar = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.string({ maxLength: 6 }), fc.boolean(), fc.constant(null));
const key = fc.constantFrom('a', 'b', 'c', 'name', 'price', 'qty', 'sku', 'items', 'tags');
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })),
})).v;
const event = fc.record(
  {
    a: value, b: value, c: scalar, name: fc.string({ maxLength: 5 }), price: fc.integer({ min: 0, max: 1000 }), qty: fc.integer({ min: 0, max: 9 }),
    items: fc.array(fc.record({ sku: fc.string({ maxLength: 3 }), qty: fc.integer({ min: 0, max: 5 }), price: fc.integer({ min: 0, max: 100 }) }, { requiredKeys: [] }), { maxLength: 4 }),
    tags: fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const input = fc.oneof({ weight: 8, arbitrary: event }, { weight: 1, arbitrary: fc.array(event, { maxLength: 3 }) }, { weight: 1, arbitrary: value });

/** Migration-shaped expressions that must compile; each is checked against JSONata on random events. */
const representative = [
  'name', 'a.b', 'items.sku', 'items.price', '$', '$$.name', '$.a', 'items[]'.slice(0, 5),
  '{"id": name, "total": price * qty, "items": items.{"sku": sku, "q": qty}}',
  '{"pricing": {"subtotal": price, "tax": 0, "total": price - (c ? 1 : 0)}, "currency": "USD"}',
  '[1, 2, a, [b]]', '[a, b, items]', 'a = b', 'a != b', 'price > 10', 'price <= qty', 'name & "-" & price', 'c and a', 'c or b', 'price in [1, 2, 3]',
  'price + qty * 2 - 1', 'price / (qty + 1)', 'price % 7', '-price', 'a ? b : c', 'c ? "yes"',
  '($t := price * qty; $t > 100 ? "big" : "small")', '($f := function($x){ $x * 2 }; $f(price))',
  '$string(a)', '$number(price)', '$substring(name, 1, 2)', '$uppercase(name)', '$lowercase(name)', '$trim(name)', '$length(name)',
  '$sum(items.price)', '$count(items)', '$max(items.qty)', '$min(items.qty)', '$average(items.price)', '$round(price / 7, 2)', '$floor(price / 3)', '$ceil(price / 3)', '$abs(-price)',
  '$exists(a)', '$boolean(a)', '$not(b)', '$keys($)', '$lookup($, "name")', '$append(items, tags)', '$join(tags, ",")', '$split(name, "a")', '$contains(name, "a")',
  '$map(items, function($i){ $i.price * $i.qty })', '$map(tags, function($t, $n){ $t & $n })', '$filter(items, function($i){ $i.qty > 2 })',
  '$reduce(items.price, function($a, $b){ $a + $b }, 0)', '$merge([{"x": 1}, {"y": name}])', '$sift($, function($v){ $v })', '$each($, function($v, $k){ $k })',
  'items.{"sku": sku, "line": price * qty}', 'items.(price * qty)', 'items.$string(qty)', '{"a": a, "b": b}.a', '$map([1, 2, 3], function($v){ {"n": $v} })',
  '[1..5]', '$count([1..price])', '(a; b; c)', '($a := 1; ($b := $a + 1; $b * 10))',
  '( $fact := function($n){ $n <= 1 ? 1 : $n * $fact($n - 1) }; $fact(qty) )',
].filter((e) => e !== 'items[]');

describe('the JSONata compiler', () => {
  it.each(representative)('compiles %s to JavaScript', (expr) => {
    expect(compileTransform(expr).compiled).toBe(true);
  });

  it('gives the same result as the JSONata evaluator for every representative expression on random events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...representative), input, async (expr, data) => {
        const ours = viaCompiled(expr, data);
        const theirs = await viaJsonata(expr, data);
        expect(ours.compiled).toBe(true);
        expect({ expr, ...ours.outcome }).toEqual({ expr, ...theirs });
      }),
      { numRuns: 1500 },
    );
  });
});
