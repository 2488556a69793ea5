import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { rawRequest } from '../../support/raw-request.js';
import { orderPlacedV1, register } from '../../support/schemas.js';
import { startCanary } from './canary.js';
import { hostileRequests } from './hostile-requests.js';
import { storeState } from './store-state.js';

let registry: TestRegistry;
let canary: Awaited<ReturnType<typeof startCanary>>;
let lastState: Awaited<ReturnType<typeof storeState>> | undefined;
beforeAll(async () => {
  canary = await startCanary();
  registry = await startRegistry({ bodyLimit: 256 * 1024 });
  await call(registry.url, 'POST', '/subjects/hostile.Existing/versions', register(orderPlacedV1));
  await call(registry.url, 'POST', '/subjects/hostile.Pattern/versions', register({ type: 'string', pattern: '^(a+)+$' }));
});
afterAll(async () => {
  await registry.close();
  await canary.close();
});

const cases = hostileRequests.map((entry) => {
  const body = entry.body === undefined || typeof entry.body === 'string' || Buffer.isBuffer(entry.body) ? entry.body : JSON.stringify(entry.body);
  return { ...entry, body: body as string | Buffer | undefined };
});
const withCanary = (body: string | Buffer | undefined) => (typeof body === 'string' ? body.replaceAll('__CANARY__', canary.origin) : body);

describe('a corpus of hostile requests', () => {
  it('holds at least 200 requests, each with a unique name', () => {
    expect(hostileRequests.length).toBeGreaterThanOrEqual(200);
    expect(new Set(hostileRequests.map((entry) => entry.name)).size).toBe(hostileRequests.length);
  });

  it.each(cases)('$name → $status / $errorCode, and nothing changes', async ({ method, path, headers, body, status, errorCode }) => {
    // Each case's "after" is the next one's "before": one snapshot per request, not two.
    const before = lastState ?? (await storeState(registry.url));
    const response = await rawRequest(registry.url, { method, path, headers, body: withCanary(body) });
    expect({ status: response.status, errorCode: response.body?.error_code }).toEqual({ status, errorCode });
    expect(typeof response.body.message).toBe('string');
    lastState = await storeState(registry.url);
    expect(lastState).toEqual(before);
  });

  it('never opened a connection to an address a $ref named', () => {
    expect(canary.connections()).toBe(0);
  });

  it('keeps serving after the whole corpus', async () => {
    expect((await call(registry.url, 'GET', '/healthz')).status).toBe(200);
    expect((await call(registry.url, 'GET', '/subjects/hostile.Existing/versions/1')).status).toBe(200);
  });
});

describe('patterns run on a regex engine that cannot backtrack', () => {
  it('validates "aaaa…a!" against ^(a+)+$ in well under a second', async () => {
    const started = performance.now();
    const response = await call(registry.url, 'POST', '/subjects/hostile.Pattern/versions/1/validate', { event: `${'a'.repeat(100_000)}!` });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(response.status).toBe(200);
    expect(response.body.valid).toBe(false);
  });

  it('still accepts what the pattern matches', async () => {
    const response = await call(registry.url, 'POST', '/subjects/hostile.Pattern/versions/1/validate', { event: 'a'.repeat(1_000) });
    expect(response.body.valid).toBe(true);
  });

  it('refuses a lookahead with a message that names RE2', async () => {
    const response = await call(registry.url, 'POST', '/subjects/hostile.New/versions', register({ type: 'string', pattern: '^(?=a)' }));
    expect(response.status).toBe(422);
    expect(response.body.message).toMatch(/RE2.*no lookarounds or backreferences/);
  });
});
