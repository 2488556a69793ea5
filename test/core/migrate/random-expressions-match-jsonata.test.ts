import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { viaCompiled, viaInterpreted, viaJsonata } from './differential.js';

/** A small JSONata grammar: every construct the compiler claims, nested at random. */
const path = fc.constantFrom('a', 'b', 'c', 'name', 'price', 'qty', 'items', 'tags', 'a.b', 'a.c.b', 'items.price', 'items.sku', 'b.items.qty', '$', '$$.a', '$v', '$w');
const literal = fc.oneof(fc.integer({ min: -3, max: 12 }).map(String), fc.constantFrom('"x"', '""', '"ab"', 'true', 'false', 'null', '0.5'));
const binaryOp = fc.constantFrom('+', '-', '*', '/', '%', '=', '!=', '<', '<=', '>', '>=', '&', 'and', 'or', 'in');
const unaryFn = fc.constantFrom(
  '$string', '$number', '$length', '$uppercase', '$sum', '$count', '$exists', '$boolean', '$not', '$keys', '$abs', '$floor', '$max',
  '$reverse', '$distinct', '$trim', '$lowercase', '$round', '$spread', '$merge', '$min', '$average', '$type', '$ceil',
);
const small = fc.integer({ min: -3, max: 6 }).map(String);
const key = fc.constantFrom('k', 'a', 'price', '1', 'name');

const expression = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    path,
    literal,
    fc.tuple(tie('e'), binaryOp, tie('e')).map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, t, f]) => `(${c} ? ${t} : ${f})`),
    fc.array(fc.tuple(key, tie('e')), { maxLength: 3 }).map((pairs) => `{${[...new Map(pairs)].map(([k, v]) => `"${k}": ${v}`).join(', ')}}`),
    fc.array(tie('e'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.tuple(unaryFn, tie('e')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `$append(${a}, ${b})`),
    fc.tuple(tie('e'), tie('e')).map(([v, body]) => `($v := ${v}; ${body})`),
    fc.tuple(tie('e'), tie('e')).map(([list, body]) => `$map(${list}, function($w){ ${body} })`),
    fc.tuple(tie('e'), tie('e')).map(([list, body]) => `$filter(${list}, function($w, $i){ ${body} })`),
    fc.tuple(path, tie('e')).map(([p, step]) => `${p}.(${step})`),
    fc.tuple(path, key, tie('e')).map(([p, k, v]) => `${p}.{"${k}": ${v}}`),
    tie('e').map((e) => `-(${e})`),
    fc.tuple(small, small).map(([a, b]) => `[${a}..${b}]`),
    fc.tuple(tie('e'), fc.constantFrom('"a"', '""', '","', '"x"'), fc.option(small, { nil: undefined })).map(([e, sep, n]) => `$split(${e}, ${sep}${n === undefined ? '' : `, ${n}`})`),
    fc.tuple(tie('e'), fc.constantFrom('","', '""')).map(([e, sep]) => `$join(${e}, ${sep})`),
    fc.tuple(tie('e'), small, fc.option(small, { nil: undefined })).map(([e, a, b]) => `$substring(${e}, ${a}${b === undefined ? '' : `, ${b}`})`),
    fc.tuple(tie('e'), small, fc.constantFrom('', ', "#"', ', "ab"')).map(([e, w, c]) => `$pad(${e}, ${w}${c})`),
    fc.tuple(tie('e'), key).map(([e, k]) => `$lookup(${e}, "${k}")`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `$zip(${a}, ${b})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `$contains(${a}, ${b === '""' ? '"a"' : '"x"'})`),
    fc.tuple(tie('e'), tie('e'), fc.option(tie('e'), { nil: undefined })).map(([list, body, init]) => `$reduce(${list}, function($v, $w){ ${body} }${init === undefined ? '' : `, ${init}`})`),
    fc.tuple(tie('e'), tie('e')).map(([obj, body]) => `$each(${obj}, function($w, $i){ ${body} })`),
    fc.tuple(tie('e'), tie('e')).map(([obj, body]) => `$sift(${obj}, function($w){ ${body} })`),
  ),
})).e;

const scalar = fc.oneof(fc.integer({ min: -5, max: 20 }), fc.constantFrom('x', '', 'ab', true, false, null, 0.5));
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c', 'k', 'price', 'qty', 'items'), tie('v'), { maxKeys: 3 })),
})).v;
// Events reach a rule through JSON.parse: the round trip drops the `undefined` array holes and
// prototype-less objects that fast-check can generate but no event can contain.
const input = fc
  .oneof(
    fc.record({ a: value, b: value, c: scalar, name: fc.string({ maxLength: 4 }), price: fc.integer({ min: 0, max: 50 }), qty: fc.integer({ min: 0, max: 5 }), items: fc.array(value, { maxLength: 3 }), tags: fc.array(fc.string({ maxLength: 2 }), { maxLength: 3 }) }, { requiredKeys: [] }),
    value,
  )
  .map((event) => JSON.parse(JSON.stringify(event)) as unknown);

/** A fresh seed every run (printed, so a failure can be replayed with FC_SEED=<seed>). */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31);
const RUNS = Number(process.env.FC_RUNS ?? 3000);

describe('randomly generated expressions', () => {
  it('give the same result, or fail with the same JSONata error, compiled as evaluated', { timeout: 120_000 }, async () => {
    console.log(`random JSONata expressions: seed ${seed} (replay with FC_SEED=${seed})`);
    let compiled = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(expression, input, async (expr, generated) => {
        // Round-tripped here, not only in the arbitrary: replays must see the JSON event too.
        // Each side gets its own copy: JSONata may write into its input (an empty array gets an item).
        const json = JSON.stringify(generated ?? null);
        const data = JSON.parse(json) as unknown;
        total++;
        const ours = viaCompiled(expr, data);
        if (!ours.compiled) return;
        compiled++;
        const theirs = await viaJsonata(expr, JSON.parse(json));
        // Which error surfaces first is unspecified when JSONata evaluates constructor items
        // concurrently; that both fail is what must agree then.
        if (!ours.outcome.ok && !theirs.ok && /[[{]/.test(expr)) return;
        const input = json;
        expect({ expr, input, ...ours.outcome }).toEqual({ expr, input, ...theirs });
      }),
      // endOnFailure reports the first mismatch at once (shrinking a nested expression takes minutes).
      { numRuns: RUNS, endOnFailure: true, seed, path: process.env.FC_PATH },
    );
    console.log(`random JSONata expressions: ${total} cases, ${compiled} compiled and compared with jsonata`);
    expect(total).toBe(RUNS);
    expect(compiled).toBeGreaterThanOrEqual(2000);
    // The grammar only uses the compiled subset: nearly every expression must have compiled.
    expect(compiled / total).toBeGreaterThan(0.9);
  });

  it('give the same result on Charter’s interpreted executor (bounded built-ins re-registered) as on jsonata', { timeout: 120_000 }, async () => {
    const interpretedSeed = seed + 1;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(expression, input, async (expr, generated) => {
        const json = JSON.stringify(generated ?? null);
        total++;
        const ours = await viaInterpreted(expr, JSON.parse(json));
        const theirs = await viaJsonata(expr, JSON.parse(json));
        if (!ours.ok && !theirs.ok && /[[{]/.test(expr)) return;
        expect({ expr, input: json, ...ours }).toEqual({ expr, input: json, ...theirs });
      }),
      { numRuns: 1000, endOnFailure: true, seed: interpretedSeed },
    );
    console.log(`interpreted executor: seed ${interpretedSeed}, ${total} cases compared with jsonata`);
    expect(total).toBe(1000);
  });
});
