import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../support/databases.js';
import { rawRequest } from '../../support/raw-request.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { storeState } from '../resilience/store-state.js';

/**
 * Random requests built from the hostile ingredients of issue 13 — text PostgreSQL cannot store,
 * spoofing characters, prototype names, `$ref` loops, imports, oversized enums — placed in every
 * field that reaches the store. Judged by what a client relies on: never a 5xx, every refusal a
 * Confluent-style body, a refused request leaves the store as it was, nothing unstorable or
 * spoofing is ever listed, and the liveness probe keeps answering.
 */
const RUNS = 120;

const poison = fc.constantFrom('\u0000', '\ud800', '\udfff', '\u0085', '\u202e', '\u200b', '\ufeff', '\u2066', 'toString', '__proto__', 'constructor', '#A', '%00', '');
const poisoned = fc.tuple(fc.string({ maxLength: 6 }), poison, fc.string({ maxLength: 6 })).map(([a, p, b]) => `${a}${p}${b}`);
const okSchema = JSON.stringify({ type: 'string' });
const rule = (name: string, expr = '$') => ({ name, kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr });

type Request = { method: string; path: string; body?: string };
const json = (value: unknown) => JSON.stringify(value);
/** Percent-encodes any text, a lone surrogate as the three bytes a hostile client would send for it. */
const encode = (text: string) =>
  [...text]
    .map((ch) => {
      if (ch.isWellFormed()) return encodeURIComponent(ch);
      const unit = ch.charCodeAt(0);
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    })
    .join('');
const subjectPath = (subject: string) => `/subjects/${encode(subject)}`;

/** One hostile request family per entry, each taking a poisoned string. */
const families: Array<(text: string) => Request> = [
  (t) => ({ method: 'POST', path: `${subjectPath(`fz.${t}`)}/versions`, body: json({ schema: okSchema }) }),
  (t) => ({ method: 'POST', path: '/subjects/fz.New/versions', body: json({ schema: okSchema, metadata: { properties: { owner: t } } }) }),
  (t) => ({ method: 'POST', path: '/subjects/fz.New/versions', body: json({ schema: okSchema, metadata: { properties: { [t]: 'v' } } }) }),
  (t) => ({ method: 'POST', path: '/subjects/fz.New/versions', body: json({ schema: okSchema, examples: [t] }) }),
  (t) => ({ method: 'POST', path: '/subjects/fz.New/versions', body: json({ schema: okSchema, references: [{ name: t, subject: 'fz.Base', version: 1 }] }) }),
  (t) => ({ method: 'POST', path: '/subjects/fz.New/versions', body: json({ schema: okSchema, ruleSet: { migrationRules: [rule(t)] } }) }),
  (t) => ({ method: 'POST', path: '/subjects/fz.New/versions', body: json({ schema: json({ $ref: t }) }) }),
  (t) => ({ method: 'POST', path: '/subjects/fz.New/versions', body: json({ schema: json({ $ref: `#${t}`, $defs: { a: { $anchor: t, $ref: `#${t}` } } }) }) }),
  (t) => ({ method: 'POST', path: '/subjects/fz.New/versions', body: json({ schema: `{"type":"string","description":"${t.replaceAll('"', '')}"}` }) }),
  (t) => ({ method: 'POST', path: '/subjects/fz.New/versions', body: json({ schema: okSchema, id: 2_147_483_647 + t.length, version: 1 }) }),
  (t) => ({ method: 'PUT', path: '/config/fz.Base', body: json({ compatibilityGroup: t }) }),
  (t) => ({ method: 'PUT', path: '/config', body: json({ defaultMetadata: { properties: { [t]: t } } }) }),
  (t) => ({ method: 'PUT', path: `/mode${t.length % 2 ? '' : '/fz.Base'}`, body: json({ mode: t.length % 3 ? 'IMPORT' : t }) }),
  (t) => ({ method: 'PUT', path: '/consumers/fz-group', body: json({ [t]: '^1.0.0' }) }),
  (t) => ({ method: 'POST', path: '/subjects/fz.Base', body: json({ schema: okSchema, metadata: { properties: { a: t } } }) }),
  (t) => ({ method: 'POST', path: '/subjects/fz.Base/versions/1/validate', body: json({ event: t }) }),
  (t) => ({ method: 'POST', path: '/subjects/fz.Enum/versions/1/validate', body: json({ event: t }) }),
  (t) => ({ method: 'GET', path: `/subjects?subjectPrefix=${encode(t)}` }),
  (t) => ({ method: 'GET', path: `/audit?subject=${encode(t)}&principal=${encode(t)}` }),
  (t) => ({ method: 'GET', path: `${subjectPath(t)}/readers` }),
  (t) => ({ method: 'GET', path: `/consumers/${encode(t)}` }),
  (t) => ({ method: 'GET', path: `/schemas/ids/${t.length}/versions?subject=${encode(t)}` }),
];
const hostileRequest = fc.tuple(fc.nat(families.length - 1), poisoned).map(([family, text]) => ({ family, ...families[family]!(text) }));

const spoofing = /[\p{Cc}\p{Cf}]/u;

describe.each(testBackends)('hostile random requests on $name', (backend) => {
  let registry: TestRegistry;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    registry = await startRegistry({ store: created.store });
    expect((await call(registry.url, 'POST', '/subjects/fz.Base/versions', { schema: okSchema })).status).toBe(200);
    const values = Array.from({ length: 5_000 }, (_, i) => `value-${i}`);
    expect((await call(registry.url, 'POST', '/subjects/fz.Enum/versions', { schema: json({ enum: values }) })).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await registry.close();
    await drop();
  });

  it(`answers ${RUNS} of them with a Confluent-style body, never 5xx, leaving no partial write`, async () => {
    const seed = randomInt(2 ** 31 - 1);
    console.log(`hostile-fuzz seed on ${backend.name}: ${seed}`);
    let runs = 0;
    let refused = 0;
    let state = await storeState(registry.url);
    await fc.assert(
      fc.asyncProperty(hostileRequest, async (request) => {
        runs++;
        const response = await rawRequest(registry.url, request);
        const what = `${request.method} ${JSON.stringify(request.path)} ${request.body?.slice(0, 200) ?? ''} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
        expect(response.status, what).toBeLessThan(500);
        expect(typeof response.body === 'object' && response.body !== null, what).toBe(true);
        if (response.status >= 400) {
          refused++;
          expect(response.body, what).toEqual({ error_code: expect.any(Number), message: expect.any(String), ...response.body });
          expect(response.body.message.length, what).toBeLessThan(2_200);
        }
        expect(JSON.stringify(response.body).length, what).toBeLessThan(64 * 1024);
        const after = await storeState(registry.url);
        if (response.status >= 300) expect(after, what).toEqual(state);
        for (const subject of after.subjects as string[]) {
          expect(subject.isWellFormed() && !subject.includes('\u0000') && !spoofing.test(subject), `listed subject ${JSON.stringify(subject)}`).toBe(true);
        }
        state = after;
        const started = performance.now();
        expect((await call(registry.url, 'GET', '/healthz')).status).toBe(200);
        expect(performance.now() - started, 'liveness probe').toBeLessThan(1_000);
      }),
      { numRuns: RUNS, seed },
    );
    expect(runs).toBe(RUNS);
    // The corpus is hostile enough to be refused most of the time, not waved through.
    expect(refused).toBeGreaterThan(RUNS / 3);
  }, 120_000);
});
