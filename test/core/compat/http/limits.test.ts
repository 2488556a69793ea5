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
    const { answer, ms } = await checkAgainst('limits.Chain', exponentialChain(24, { type: 'number' }), exponentialChain(24, { type: 'integer' }), 'FULL');
    expect(answer.status).toBe(200);
    expect(answer.body.is_compatible).toBe(false);
    expect(ms).toBeLessThan(2000);
    // the same schema against itself is still proved compatible (identical structure)
    const same = await call(registry.url, 'POST', '/compatibility/subjects/limits.Chain/versions', body(exponentialChain(24, { type: 'number' })));
    expect(same.body.is_compatible).toBe(true);
  });
});
