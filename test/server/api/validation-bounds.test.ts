import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCodec, RegistryClient } from '../../../client/index.js';
import { createValidator } from '../../../core/schema/validator/index.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';

/** The report's schema: a $defs chain, each level anyOf[$ref next, allOf[$ref next, {minimum: i}]]. */
function doublingChain(levels: number): Record<string, unknown> {
  const $defs: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) $defs[`d${i}`] = { anyOf: [{ $ref: `#/$defs/d${i + 1}` }, { allOf: [{ $ref: `#/$defs/d${i + 1}` }, { minimum: i }] }] };
  $defs[`d${levels}`] = { type: 'string' };
  return { $ref: '#/$defs/d0', $defs };
}

/** Longest gap between 1 ms timer ticks while `work` runs: how long the event loop was held. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stall: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  try {
    const result = await work();
    stall = Math.max(stall, performance.now() - last);
    return { result, stall };
  } finally {
    clearInterval(timer);
  }
}

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry({ bodyLimit: 4 * 1024 * 1024 });
});
afterAll(() => registry.close());

describe('exponential validation', () => {
  it('refuses the doubling $ref chain at 16, 20, 24 and 28 levels with 42201, and stays up', async () => {
    for (const levels of [16, 20, 24, 28]) {
      const started = performance.now();
      const refused = await call(registry.url, 'POST', `/subjects/bomb.L${levels}/versions`, { schema: JSON.stringify(doublingChain(levels)) });
      const elapsed = performance.now() - started;
      expect(refused.status, `${levels} levels`).toBe(422);
      expect(refused.body.error_code).toBe(42201);
      expect(refused.body.message).toMatch(/subschema applications/);
      console.log(`doubling chain, ${levels} levels: refused in ${elapsed.toFixed(0)} ms`);
      expect((await call(registry.url, 'GET', '/healthz')).status).toBe(200);
      expect((await call(registry.url, 'GET', `/subjects/bomb.L${levels}/versions`)).status).toBe(404);
    }
  });

  it('registers the chain while its cost is bounded, and /validate answers with every error', async () => {
    const ok = await call(registry.url, 'POST', '/subjects/bomb.L12/versions', { schema: JSON.stringify(doublingChain(12)) });
    expect(ok.status).toBe(200);
    const answer = await call(registry.url, 'POST', '/subjects/bomb.L12/versions/1/validate', { event: 10 });
    expect(answer.status).toBe(200);
    expect(answer.body.valid).toBe(false);
    expect((await call(registry.url, 'POST', '/subjects/bomb.L12/versions/1/validate', { event: 'text' })).body.valid).toBe(true);
  });

  it('bounds the SDK too: a codec given such a schema fails the event instead of running away', async () => {
    // A registry that predates the bound (or is not Charter) may hand the SDK any schema.
    const schema = doublingChain(24);
    const stub = {
      async getVersion(subject: string) {
        return { subject, id: 1, version: 1, semver: '1.0.0', schema: JSON.stringify(schema) };
      },
    } as unknown as RegistryClient;
    const codec = new EventCodec({ registry: stub, source: 'test' });
    const error = await codec.encode('bomb.Any', 10).catch((e: unknown) => e);
    expect((error as { errors: Array<{ keyword: string; message: string }> }).errors[0]).toMatchObject({ keyword: 'schema', message: expect.stringMatching(/subschema applications/) });
  });
});

describe('uniqueItems', () => {
  it('checks 40,000 objects through /validate, and finds the duplicate', async () => {
    const schema = { type: 'array', uniqueItems: true, items: { type: 'object' } };
    expect((await call(registry.url, 'POST', '/subjects/big.Unique/versions', { schema: JSON.stringify(schema) })).status).toBe(200);
    const items = Array.from({ length: 40_000 }, (_, i) => ({ i, k: `k${i % 13}` }));
    const started = performance.now();
    const distinct = await call(registry.url, 'POST', '/subjects/big.Unique/versions/1/validate', { event: items });
    console.log(`uniqueItems over 40,000 objects through /validate: ${(performance.now() - started).toFixed(0)} ms`);
    expect(distinct.body.valid).toBe(true);
    const repeated = await call(registry.url, 'POST', '/subjects/big.Unique/versions/1/validate', { event: [...items, { k: items[20_000]!.k, i: 20_000 }] });
    expect(repeated.body.valid).toBe(false);
    expect(repeated.body.errors[0]).toMatchObject({ keyword: 'uniqueItems', params: { i: 40_000, j: 20_000 } });
  });
});

describe('large schemas', () => {
  it('compiles a 4,000-property schema on the compile pool the first time an event is validated', async () => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < 4000; i++) properties[`p${i}`] = { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, n: { type: 'integer', minimum: 0 } }, required: ['id'] };
    const schema = { type: 'object', properties };
    expect((await call(registry.url, 'POST', '/subjects/big.Wide/versions', { schema: JSON.stringify(schema) })).status).toBe(200);
    // What compiling it on the event loop costs on this machine, now.
    const inline = await longestStall(async () => createValidator(schema));
    const first = await longestStall(() => call(registry.url, 'POST', '/subjects/big.Wide/versions/1/validate', { event: { p1: { id: 'x' } } }));
    console.log(`4,000 properties: compiled inline in ${inline.stall.toFixed(0)} ms; first /validate held the event loop ${first.stall.toFixed(0)} ms at most`);
    expect(first.result.status).toBe(200);
    expect(first.result.body.valid).toBe(false);
    expect(first.result.body.errors[0]).toMatchObject({ instancePath: '/p1/id', keyword: 'format' });
    expect(first.stall).toBeLessThan(inline.stall / 2);
    const second = await call(registry.url, 'POST', '/subjects/big.Wide/versions/1/validate', { event: { p1: { id: '6f1c1f64-5f7e-4d8e-9a6a-6c1b8f9b2a10' } } });
    expect(second.body.valid).toBe(true);
  }, 180_000);
});
