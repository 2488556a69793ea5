import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { rawRequest } from '../../support/raw-request.js';
import { orderPlacedV1, register } from '../../support/schemas.js';
import { storeState } from './store-state.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry({ bodyLimit: 64 * 1024 });
  await call(registry.url, 'POST', '/subjects/fuzz.A/versions', register(orderPlacedV1));
});
afterAll(() => registry.close());

/** Path segment values: real ones, numbers, and encoded or malformed garbage. */
const segment = fc.oneof(
  fc.constantFrom('fuzz.A', 'fuzz.B', 'latest', '1', '2', '-1', '0', '1.0.0', '99999999999', '..', '.', '%2e%2e', '%00', '%zz', '%ED%A0%80', '%E2%82', '%0A', 'a%2Fb'),
  fc.integer().map(String),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 20 }).map(encodeURIComponent),
);
const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom('?deleted=true', '?permanent=true', '?force=true', '?defaultToGlobal=true', '?normalize=true', '?limit=5', '?verbose=true'),
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([k, v]) => `?${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
);
const field = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string(), fc.constantFrom('JSON', 'BACKWARD', 'NONE', 'READONLY', 'UPGRADE', '^1.0.0', '1.0.0'));
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  // Shaped like the real bodies, with random values: these get past the first checks.
  fc
    .record(
      {
        schema: fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), field),
        schemaType: field, references: field, metadata: field, ruleSet: field, semver: field, examples: field,
        compatibility: field, mode: field, event: field, from: field, to: field, 'fuzz.A': field,
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);

function requestFor(routes: Array<{ method: string; url: string }>) {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      method: fc.oneof(fc.constant<string | undefined>(undefined), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND')),
      segments: fc.array(segment, { minLength: 3, maxLength: 3 }),
      query,
      body,
    })
    .map(({ route, method, segments, query: q, body: b }) => {
      let index = 0;
      const path = route.url.replace(/:[a-z]+/g, () => segments[index++ % segments.length]!) + q;
      return { method: method ?? route.method, path, body: method === 'GET' || method === 'HEAD' ? undefined : b };
    });
}

const RUNS = 300;

describe('random requests against a listening server', () => {
  it('never answer 5xx, never crash it, and change nothing unless they succeed', async () => {
    const routes = registry.server.routes.filter((route) => route.url !== '/metrics');
    let state = await storeState(registry.url);
    let runs = 0;
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    console.log(`fuzz seed ${seed} (replay: FUZZ_SEED=${seed})`);
    await fc.assert(
      fc.asyncProperty(requestFor(routes), async (request) => {
        runs++;
        const response = await rawRequest(registry.url, request);
        expect(response.status, `${request.method} ${request.path}`).toBeLessThan(500);
        const after = await storeState(registry.url);
        if (response.status >= 300) expect(after, `${request.method} ${request.path} → ${response.status}`).toEqual(state);
        state = after;
      }),
      // A fixed count, never a time limit: a run cut short by the clock would pass on what it skipped.
      { numRuns: RUNS, seed },
    );
    expect(runs).toBe(RUNS);
    expect((await call(registry.url, 'GET', '/healthz')).status).toBe(200);
  }, 60_000);
});
