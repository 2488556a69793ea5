import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { basic, tempDir, writeKeys } from '../../support/auth.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';

describe('rate limits per principal', () => {
  let registry: TestRegistry;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let keys: Record<string, string>;

  beforeAll(async () => {
    // Fake only Date: the limiter's window is measured with it, while real timers keep I/O moving.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    dir = await tempDir();
    const authFile = join(dir.path, 'auth.json');
    keys = await writeKeys(authFile, { busy: ['reader'], quiet: ['reader'], nosy: ['reader'] });
    registry = await startRegistry({ auth: { authFile, rateLimit: 3 } });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await registry.close();
    await dir.remove();
  });

  it('answers 429 with a Confluent error body once a principal has spent its minute', async () => {
    for (let i = 0; i < 3; i++) expect((await call(registry.url, 'GET', '/subjects', undefined, basic(keys.busy!))).status).toBe(200);
    const limited = await call(registry.url, 'GET', '/subjects', undefined, basic(keys.busy!));
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error_code: 42901, message: expect.stringContaining('Rate limit of 3 requests per minute exceeded') });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts each principal on its own, and never limits the probes', async () => {
    expect((await call(registry.url, 'GET', '/subjects', undefined, basic(keys.quiet!))).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await call(registry.url, 'GET', '/healthz')).status).toBe(200);
  });

  it('counts calls refused with 403, so probing for permissions is throttled too', async () => {
    for (let i = 0; i < 3; i++) expect((await call(registry.url, 'GET', '/audit', undefined, basic(keys.nosy!))).status).toBe(403);
    expect((await call(registry.url, 'GET', '/subjects', undefined, basic(keys.nosy!))).status).toBe(429);
  });

  it('lets the principal in again once the minute has passed', async () => {
    vi.setSystemTime(Date.now() + 61_000);
    expect((await call(registry.url, 'GET', '/subjects', undefined, basic(keys.busy!))).status).toBe(200);
  });
});

describe('rate limits without authentication', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ auth: { rateLimit: 2 } });
  });
  afterAll(() => registry.close());

  it('count anonymous callers by IP', async () => {
    expect((await call(registry.url, 'GET', '/subjects')).status).toBe(200);
    expect((await call(registry.url, 'GET', '/schemas/types')).status).toBe(200);
    expect((await call(registry.url, 'GET', '/subjects')).status).toBe(429);
  });
});
