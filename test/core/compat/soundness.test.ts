/**
 * Soundness: whenever the engine calls a pair backward-compatible (every event of A is valid under
 * B), generated events of A must all validate under B with ajv. A failure is an engine bug.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '../../../core/compat/index.js';
import { compileValidator, sampleInstancesInternal } from '../../../core/schema/instances.js';
import type { JsonSchema } from '../../../core/schema/types.js';
import { getDoc } from '../../../core/compat/document/index.js';
import { rootRef } from '../../../core/compat/normalize/index.js';
import { validateValue } from '../../../core/compat/values.js';
import { mulberry, perturb, Rng, schemaPairArbitrary } from './schema-arbitrary.js';

const TIME_BUDGET_MS = Number(process.env.SOUNDNESS_MS ?? 18_000);
const SEED = Number(process.env.FC_SEED ?? 20260822);

function names(s: unknown, out: Set<string>): void {
  if (Array.isArray(s)) s.forEach((x) => names(x, out));
  else if (s && typeof s === 'object') {
    for (const [k, v] of Object.entries(s)) {
      if (k === 'properties' && v && typeof v === 'object') Object.keys(v).forEach((n) => out.add(n));
      names(v, out);
    }
  }
}

/** Returns an event of `writer` rejected by `reader`, if the generated events find one. */
function witness(writer: JsonSchema, reader: JsonSchema, seed: number): unknown {
  const vw = compileValidator(writer);
  const vr = compileValidator(reader);
  if (!vw || !vr) return undefined;
  const hints = new Set<string>();
  names(reader, hints);
  const samples = sampleInstancesInternal(writer, { count: 25, seed, hintKeys: [...hints, 'zz'], attempts: 120 });
  const r = new Rng(mulberry(seed ^ 0x9e3779b9));
  const candidates = [...samples];
  for (const s of samples) for (let i = 0; i < 3; i++) candidates.push(perturb(s, r));
  // ajv 8.20 can also throw inside a validator (e.g. root patternProperties with if/then/else):
  // such candidates decide nothing.
  const safe = (v: (x: unknown) => unknown, x: unknown): boolean | undefined => {
    try {
      return v(x) === true;
    } catch {
      return undefined;
    }
  };
  for (const c of candidates) {
    if (safe(vw, c) !== true) continue;
    if (safe(vr, c) !== false) continue;
    // ajv 8.20 wrongly accepts some events (e.g. `{"items":{"contains":S}}` only checks `contains` until
    // one item passes): an event the writer schema definitely rejects is not a witness.
    if (validateValue(c, [rootRef(getDoc(writer))]) === false) {
      ajvFalseAccepts++;
      continue;
    }
    return c;
  }
  return undefined;
}

let ajvFalseAccepts = 0;

describe('compatibility engine soundness (property)', () => {
  it('never calls a pair compatible when an event of the writer is rejected by the reader', () => {
    let pairs = 0;
    let provedCompatible = 0;
    fc.assert(
      fc.property(schemaPairArbitrary, ({ seed, a, b }) => {
        pairs++;
        for (const [writer, reader] of [
          [a, b],
          [b, a],
        ] as Array<[JsonSchema, JsonSchema]>) {
          if (!compileValidator(writer) || !compileValidator(reader)) continue;
          const compatible = checkCompatibility({ schema: reader }, [{ schema: writer }], 'BACKWARD').compatible;
          if (!compatible) continue;
          provedCompatible++;
          const event = witness(writer, reader, seed);
          if (event !== undefined) {
            throw new Error(`unsound: writer ${JSON.stringify(writer)} reader ${JSON.stringify(reader)} event ${JSON.stringify(event)}`);
          }
        }
        return true;
      }),
      { numRuns: 100_000, seed: SEED, endOnFailure: true, interruptAfterTimeLimit: TIME_BUDGET_MS, markInterruptAsFailure: false },
    );
    if (process.env.SOUNDNESS_VERBOSE) console.log(`soundness: ${pairs} pairs, ${provedCompatible} proved compatible, ${ajvFalseAccepts} ajv false accepts skipped`);
    // the run must be meaningful: thousands of pairs, a good share proved compatible
    expect(pairs).toBeGreaterThan(1000);
    expect(provedCompatible).toBeGreaterThan(300);
  }, 60_000);
});
