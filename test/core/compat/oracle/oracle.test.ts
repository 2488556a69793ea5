/**
 * The soundness oracle: the engine must never call a pair compatible when an event valid under the
 * writer is rejected by the reader. Events come from this folder's own generator (instances.ts:
 * not the engine's value helpers, not core/schema/instances) plus mutations at the edges ajv
 * treats specially; ajv, set up as the registry sets it up, is the judge. Every run takes a fresh
 * seed (printed; ORACLE_SEED=<n> replays one) and must assert a fixed number of pairs.
 */
import { describe, expect, it } from 'vitest';
import { checkCompatibility, type JsonSchema } from '../../../../core/compat/index.js';
import { judge } from './ajv-judge.js';
import { familyNames, pairOf, type Pair } from './families.js';
import { EXTREMES, generate, keysAmong, mutate, namesIn, type GenContext } from './instances.js';
import { freshSeed, Rng } from './random.js';

const PAIRS = 3_000;

function candidates(rng: Rng, pair: Pair): unknown[] {
  const names = namesIn(pair.writer, pair.reader, pair.writerRefs, pair.readerRefs);
  const out: unknown[] = [...EXTREMES];
  for (const [schema, refs, count] of [
    [pair.writer, pair.writerRefs, 14],
    [pair.reader, pair.readerRefs, 6],
  ] as const) {
    const ctx: GenContext = { rng, root: schema, refs: (refs ?? {}) as Record<string, unknown>, names };
    for (let i = 0; i < count; i++) {
      const v = generate(ctx, schema, schema);
      out.push(v, mutate(ctx, v), mutate(ctx, mutate(ctx, v)));
    }
  }
  return out;
}

describe('soundness oracle (own generator, ajv as judge)', () => {
  it(`never calls a pair compatible when ajv finds an event of the writer the reader rejects (${PAIRS} pairs)`, () => {
    const seed = freshSeed();
    console.log(`oracle seed ${seed} (replay: ORACLE_SEED=${seed})`);
    const rng = new Rng(seed);
    let asserted = 0;
    let compatible = 0;
    let events = 0;
    const perFamily = new Map<string, { pairs: number; compatible: number }>();
    const failures: string[] = [];
    for (let attempt = 0; asserted < PAIRS && attempt < PAIRS * 3; attempt++) {
      const pair = pairOf(rng, familyNames[attempt % familyNames.length]!);
      const w = judge(pair.writer as JsonSchema, pair.writerRefs as never);
      const r = judge(pair.reader as JsonSchema, pair.readerRefs as never);
      if (!w || !r) continue; // ajv (and so the registry) refuses one of them
      asserted++;
      const stats = perFamily.get(pair.family) ?? { pairs: 0, compatible: 0 };
      stats.pairs++;
      perFamily.set(pair.family, stats);
      const verdict = checkCompatibility(
        { schema: pair.reader as JsonSchema, references: pair.readerRefs as never },
        [{ schema: pair.writer as JsonSchema, references: pair.writerRefs as never }],
        'BACKWARD',
        { policy: pair.policy },
      );
      if (!verdict.compatible) continue;
      compatible++;
      stats.compatible++;
      const lenientNames = pair.policy === 'LENIENT' ? new Set(namesIn(pair.writer, pair.writerRefs)) : undefined;
      for (const event of candidates(rng, pair)) {
        if (lenientNames && !keysAmong(event, lenientNames)) continue; // a lenient producer never sends it
        if (w(event) !== true) continue;
        events++;
        if (r(event) === false) {
          failures.push(`[${pair.family}/${pair.policy}] writer ${JSON.stringify(pair.writer)} refs ${JSON.stringify(pair.writerRefs ?? {})} reader ${JSON.stringify(pair.reader)} event ${JSON.stringify(event)}`);
          break;
        }
      }
      if (failures.length >= 5) break;
    }
    console.log(`oracle: ${asserted} pairs, ${compatible} called compatible, ${events} writer events judged; per family ${JSON.stringify(Object.fromEntries(perFamily))}`);
    expect(failures, `seed ${seed}`).toEqual([]);
    expect(asserted).toBe(PAIRS);
    // the run must be meaningful: a good share of pairs proved compatible, in every family
    expect(compatible).toBeGreaterThan(PAIRS / 6);
    for (const name of familyNames) expect(perFamily.get(name)?.pairs ?? 0, name).toBeGreaterThan(50);
  }, 120_000);
});
