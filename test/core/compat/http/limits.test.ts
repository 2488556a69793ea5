/**
 * Inputs that once crashed or stalled the engine, sent through a listening server: each answers
 * within 2 s, the server keeps answering afterwards and its heap stays under 512 MiB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../../../support/registry.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry?.close();
});

const body = (schema: unknown) => ({ schemaType: 'JSON', schema: JSON.stringify(schema) });

/** A `$defs` chain where each level is `anyOf[$ref next, allOf[$ref next, {minimum: i}]]`. */
function exponentialChain(levels: number, last: unknown): unknown {
  const defs: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) {
    defs[`d${i}`] = i === levels - 1 ? last : { anyOf: [{ $ref: `#/$defs/d${i + 1}` }, { allOf: [{ $ref: `#/$defs/d${i + 1}` }, { minimum: i }] }] };
  }
  return { $defs: defs, $ref: '#/$defs/d0' };
}

async function checkAgainst(subject: string, older: unknown, newer: unknown, level = 'BACKWARD') {
  expect((await call(registry.url, 'PUT', `/config/${subject}`, { compatibility: level })).status).toBe(200);
  const registered = await call(registry.url, 'POST', `/subjects/${subject}/versions`, body(older));
  expect(registered.status, JSON.stringify(registered.body)).toBe(200);
  const started = performance.now();
  const answer = await call(registry.url, 'POST', `/compatibility/subjects/${subject}/versions?verbose=true`, body(newer));
  const ms = performance.now() - started;
  const alive = await call(registry.url, 'GET', '/subjects');
  expect(alive.status).toBe(200);
  expect(alive.body).toContain(subject);
  expect(process.memoryUsage().heapUsed).toBeLessThan(512 * 1024 * 1024);
  return { answer, ms };
}

describe('bounded compatibility checks over HTTP', () => {
  it('an integer range beyond 2^53 as the old version answers instead of looping', async () => {
    const { answer, ms } = await checkAgainst('limits.Int53', { type: 'integer', minimum: 9007199254740992, maximum: 9007199254740994 }, { type: 'integer', maximum: 9007199254740994 });
    expect(answer.status).toBe(200);
    expect(answer.body.is_compatible).toBe(true);
    expect(ms).toBeLessThan(2000);
  });

  it('format password / binary (always-valid formats) are compared, not a 500', async () => {
    const { answer, ms } = await checkAgainst('limits.Password', { enum: ['a', 'b'] }, { type: 'string', format: 'password' });
    expect(answer.status).toBe(200);
    expect(answer.body.is_compatible).toBe(true);
    expect(ms).toBeLessThan(2000);
    const narrowed = await call(registry.url, 'POST', '/compatibility/subjects/limits.Password/versions', body({ enum: ['a'], format: 'binary' }));
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.is_compatible).toBe(false);
  });

  it('the exponential 24-level $defs chain answers within 2 s with the server alive', async () => {
    // a 14-level chain is admitted by the validator's cost bound and compared by the engine
    const { answer, ms } = await checkAgainst('limits.Chain', exponentialChain(14, { type: 'number' }), exponentialChain(14, { type: 'integer' }), 'FULL');
    expect(answer.status).toBe(200);
    expect(answer.body.is_compatible).toBe(false);
    expect(ms).toBeLessThan(2000);
    const same = await call(registry.url, 'POST', '/compatibility/subjects/limits.Chain/versions', body(exponentialChain(14, { type: 'number' })));
    expect(same.body.is_compatible).toBe(true);
    // the 24-level one is refused up front (42201), quickly, and the server keeps answering
    const started = performance.now();
    const deep = await call(registry.url, 'POST', '/compatibility/subjects/limits.Chain/versions', body(exponentialChain(24, { type: 'integer' })));
    expect(performance.now() - started).toBeLessThan(2000);
    expect([200, 422]).toContain(deep.status);
    if (deep.status === 200) expect(deep.body.is_compatible).toBe(false);
    else expect(deep.body.error_code).toBe(42201);
    expect((await call(registry.url, 'GET', '/subjects')).status).toBe(200);
    expect(process.memoryUsage().heapUsed).toBeLessThan(512 * 1024 * 1024);
  });
});

describe('schemas the engine cannot read are refused at registration', () => {
  it('a number beyond the double range is refused with 42201 naming its path', async () => {
    const text = '{"type":"object","properties":{"n":{"type":"number","minimum":1e400}}}';
    const answer = await call(registry.url, 'POST', '/subjects/refuse.Infinity/versions', { schemaType: 'JSON', schema: text });
    expect(answer.status).toBe(422);
    expect(answer.body.error_code).toBe(42201);
    expect(answer.body.message).toContain('/properties/n/minimum');
    const check = await call(registry.url, 'POST', '/compatibility/subjects/refuse.Infinity/versions', { schemaType: 'JSON', schema: text });
    expect(check.status).toBe(422);
    expect((await call(registry.url, 'GET', '/subjects')).body).not.toContain('refuse.Infinity');
  });

  it('$async: true is refused with 42201', async () => {
    const answer = await call(registry.url, 'POST', '/subjects/refuse.Async/versions', body({ $async: true, type: 'object' }));
    expect(answer.status).toBe(422);
    expect(answer.body.error_code).toBe(42201);
    expect(answer.body.message).toContain('$async');
  });

  it('nullable removal is refused over HTTP (null is an event the old version accepts)', async () => {
    const { answer } = await checkAgainst('refuse.Nullable', { type: 'object', properties: { n: { type: 'string', nullable: true } } }, { type: 'object', properties: { n: { type: 'string' } } });
    expect(answer.body.is_compatible).toBe(false);
    expect(answer.body.counterexample?.event).toEqual({ n: null });
  });
});
