import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCodec, InvalidEventError, jsonEnvelope, RegistryClient, type Envelope } from '../../../client/index.js';
import { compileValidator as generateValidator } from '../../../codegen/compile-validator.js';
import type { PlannedVersion } from '../../../codegen/plan.js';
import { sampleInstances } from '../../../core/schema/instances.js';
import { validatorFromSource, validatorSource } from '../../../core/schema/validator/index.js';
import { runCharter } from '../../support/cli.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { oracle } from './support/ajv-oracle.js';
import { instanceValue, referenceSchema, schemaCase, type SchemaCase } from './support/schema-cases.js';

/**
 * One contract, one verdict: for random (schema, references, event) cases across every dialect,
 * the registry's /validate, the SDK's encode and decode, `charter validate` and the validator
 * `charter codegen` emits all agree with plain ajv — on whether the schema is accepted at all, and
 * then on every event. A fresh seed each run (printed; DIFF_SEED=<n> replays one).
 */
const SCHEMAS = 135;
const EVENTS_PER_SCHEMA = 13;
const MIN_CASES = 1_500;
const seed = Number(process.env.DIFF_SEED ?? Math.floor(Math.random() * 2 ** 31));

let registry: TestRegistry;
let scratch: string;
beforeAll(async () => {
  registry = await startRegistry();
  scratch = mkdtempSync(join(fileURLToPath(new URL('.', import.meta.url)), '.differential-'));
});
afterAll(async () => {
  await registry.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Disagreement {
  case: number;
  who: string;
  schema: unknown;
  references: unknown;
  event?: unknown;
  expected: unknown;
  got: unknown;
}

describe('the validator differential', () => {
  it(`gives ajv's verdict everywhere on at least ${MIN_CASES} random cases (seed printed)`, async () => {
    console.log(`validator differential seed: ${seed} (replay with DIFF_SEED=${seed})`);
    const disagreements: Disagreement[] = [];
    const client = new RegistryClient({ url: registry.url });
    const codec = new EventCodec({ registry: client, source: 'differential' });

    // 1. A pool of references in every dialect, registered once under their own subjects.
    const pool = Object.fromEntries(fc.sample(referenceSchema, { numRuns: 10, seed }).map((schema, i) => [`ref${i}.json`, schema]));
    for (const [i, [name, schema]] of Object.entries(pool).entries()) {
      const answer = await call(registry.url, 'POST', `/subjects/diff.ref${i}/versions`, { schema: JSON.stringify(schema) });
      expect(answer.status, `reference ${name}`).toBe(200);
    }
    const referenceOf = (name: string) => ({ name, subject: `diff.ref${name.slice(3, -5)}`, version: 1 });

    const cases: SchemaCase[] = fc.sample(schemaCase(pool), { numRuns: SCHEMAS, seed: seed + 1 });
    const randomEvents = fc.sample(fc.array(instanceValue, { minLength: EVENTS_PER_SCHEMA, maxLength: EVENTS_PER_SCHEMA }), { numRuns: SCHEMAS, seed: seed + 2 });
    let accepted = 0;
    let refused = 0;
    let checked = 0;
    let validCount = 0;

    for (const [n, c] of cases.entries()) {
      const judge = oracle(c.dialect, c.schema, c.references);
      const subject = `diff.case${n}`;
      const registered = await call(registry.url, 'POST', `/subjects/${subject}/versions`, {
        schema: JSON.stringify(c.schema),
        references: Object.keys(c.references).map(referenceOf),
      });
      // 2. The schema: accepted by the registry exactly when plain ajv compiles it.
      const registryAccepts = registered.status === 200;
      if (registryAccepts !== (typeof judge === 'function')) {
        disagreements.push({ case: n, who: 'registration', schema: c.schema, references: c.references, expected: typeof judge === 'function' ? 'compiles' : judge, got: registered.body });
        continue;
      }
      if (!registryAccepts) {
        expect(registered.body.error_code, JSON.stringify(registered.body)).toBe(42201);
        refused++;
        continue;
      }
      accepted++;
      const check = judge as Exclude<typeof judge, string>;

      // 3. The events: generated valid ones and random ones.
      let generated: unknown[] = [];
      try {
        generated = sampleInstances(c.schema, { references: c.references, count: 4, seed: seed + n });
      } catch {
        generated = [];
      }
      // A `__proto__` key is valid JSON, but the server refuses it in any body (prototype poisoning).
      const events = [...generated, ...randomEvents[n]!]
        .map((e) => JSON.stringify(e ?? null))
        .filter((text) => !text.includes('"__proto__"'))
        .slice(0, EVENTS_PER_SCHEMA)
        .map((text) => JSON.parse(text) as unknown);
      const expected = events.map((e) => check(e) === true);

      // 4. The generated validator: codegen's ES module when the schema is self-contained (as
      //    codegen requires), the factory's standalone source otherwise.
      let standalone: (value: unknown) => boolean;
      if (Object.keys(c.references).length === 0) {
        const file = join(scratch, `case${n}.validate.ts`);
        writeFileSync(file, generateValidator({ schema: c.schema, schemaFile: `case${n}.schema.json`, typeName: `Case${n}`, stem: `case${n}` } as unknown as PlannedVersion));
        const module = (await import(pathToFileURL(file).href)) as { validate: (v: unknown) => boolean };
        standalone = module.validate;
      } else {
        const source = validatorSource(c.schema, c.references);
        if (!source.ok) throw new Error(source.failure.message);
        standalone = validatorFromSource(source.source) as (value: unknown) => boolean;
      }

      // 5. `charter validate`, one line per event.
      const input = join(scratch, `case${n}.ndjson`);
      writeFileSync(input, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
      const cli = await runCharter(['validate', '--registry', registry.url, '--subject', subject, '--version', '1', '--input', input]);
      const cliInvalid = new Set([...cli.stderr.matchAll(/^line (\d+):/gm)].map((m) => Number(m[1]) - 1));

      for (const [i, event] of events.entries()) {
        const want = expected[i]!;
        const verdicts: Record<string, unknown> = {};
        const answer = await call(registry.url, 'POST', `/subjects/${subject}/versions/1/validate`, { event });
        verdicts.registry = answer.status === 200 ? answer.body.valid : answer.body;
        verdicts.encode = await codec.encode(subject, event, { version: 1 }).then(
          () => true,
          (error: unknown) => (error instanceof InvalidEventError ? false : `threw ${(error as Error).message}`),
        );
        const envelope = { eventType: 'Case', eventId: `evt_${n}_${i}`, timestamp: '2026-01-01T00:00:00Z', schema: { subject, version: '1.0.0', id: 0 }, data: event, metadata: { correlationId: 'c', source: 's' } } as unknown as Envelope;
        const decoded = await codec.decode(codec.serialize({ ...envelope, schema: { ...envelope.schema, id: registered.body.id } }, jsonEnvelope), { subject });
        verdicts.decode = decoded.ok ? true : decoded.reason === 'invalid' ? false : `failed: ${decoded.reason}`;
        verdicts.cli = !cliInvalid.has(i);
        verdicts.generated = standalone(event) === true;
        for (const [who, got] of Object.entries(verdicts)) {
          if (got !== want) disagreements.push({ case: n, who, schema: c.schema, references: c.references, event, expected: want, got });
        }
        checked++;
        if (want) validCount++;
      }
    }

    console.log(`validator differential: ${SCHEMAS} schemas (${accepted} accepted, ${refused} refused by all), ${checked} events (${validCount} valid), ${disagreements.length} disagreements`);
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(MIN_CASES);
    // Both verdicts must be exercised, or agreement means little.
    expect(validCount).toBeGreaterThan(checked / 10);
    expect(checked - validCount).toBeGreaterThan(checked / 10);
  }, 600_000);
});
