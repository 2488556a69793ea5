/**
 * Refusing fewer safe changes: a hand-labelled set of compatible changes (each label checked here
 * by the oracle's generator and ajv: no event of the writer is rejected by the reader) — the engine
 * may refuse at most 5% of them. The refused ones are printed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCompatibility, type CompatibilityLevel, type CompatibilityPolicy, type JsonSchema } from '../../../../core/compat/index.js';
import { judge } from '../oracle/ajv-judge.js';
import { EXTREMES, generate, mutate, namesIn } from '../oracle/instances.js';
import { freshSeed, Rng } from '../oracle/random.js';

interface Labelled {
  description: string;
  a: JsonSchema;
  b: JsonSchema;
  mode: CompatibilityLevel;
  policy: CompatibilityPolicy;
}

const set = JSON.parse(readFileSync(new URL('./compatible.json', import.meta.url), 'utf8')) as Labelled[];

/** Directions a level asks for, as (writer, reader) pairs of (older, newer). */
const directions = (c: Labelled): Array<[JsonSchema, JsonSchema]> => {
  const back: [JsonSchema, JsonSchema] = [c.a, c.b];
  const fwd: [JsonSchema, JsonSchema] = [c.b, c.a];
  return c.mode.startsWith('BACKWARD') ? [back] : c.mode.startsWith('FORWARD') ? [fwd] : [back, fwd];
};

describe('hand-labelled compatible changes', () => {
  it('every label holds under ajv (no witness found)', () => {
    const seed = freshSeed();
    console.log(`labelled-set seed ${seed}`);
    const rng = new Rng(seed);
    for (const c of set) {
      if (c.policy === 'LENIENT') continue; // LENIENT is not ajv's question
      for (const [writer, reader] of directions(c)) {
        const w = judge(writer);
        const r = judge(reader);
        expect(w && r, `${c.description}: ajv compiles both`).toBeTruthy();
        const ctx = { rng, root: writer, refs: {}, names: namesIn(writer, reader) };
        for (const base of [...EXTREMES, ...Array.from({ length: 30 }, () => generate(ctx, writer as never, writer as never))]) {
          for (const event of [base, mutate(ctx, base as never)]) {
            if (w!(event) === true) expect(r!(event), `${c.description}: ${JSON.stringify(event)}`).not.toBe(false);
          }
        }
      }
    }
  });

  it('the engine refuses at most 5% of them', () => {
    const refused = set.filter((c) => !checkCompatibility({ schema: c.b }, [{ schema: c.a }], c.mode, { policy: c.policy }).compatible);
    console.log(`labelled set: ${set.length} compatible changes, ${refused.length} refused (${((100 * refused.length) / set.length).toFixed(1)}%)${refused.map((c) => `\n  refused: ${c.description}`).join('')}`);
    expect(set.length).toBeGreaterThanOrEqual(60);
    expect(refused.length / set.length).toBeLessThanOrEqual(0.05);
  });
});
