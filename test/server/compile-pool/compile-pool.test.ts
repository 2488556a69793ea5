import { afterAll, describe, expect, it } from 'vitest';
import { CompileError, CompilePool } from '../../../server/compile-pool/index.js';
import { call, startRegistry } from '../../support/registry.js';

/** A schema large enough to go to a worker and to take a while to compile there. */
function largeSchema(extra: Record<string, unknown> = {}, size = 1000): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < size; i++) {
    properties[`p${i}`] = { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, n: { type: 'integer', minimum: 0 } }, required: ['id'] };
  }
  return { type: 'object', properties, ...extra };
}
const textLength = (schema: unknown) => JSON.stringify(schema).length;

describe('compile pool', () => {
  const pools: CompilePool[] = [];
  const pool = (options: ConstructorParameters<typeof CompilePool>[0]) => {
    const made = new CompilePool(options);
    pools.push(made);
    return made;
  };
  afterAll(() => Promise.all(pools.map((p) => p.close())));

  it('compiles a large schema off the event loop: timers keep firing meanwhile', async () => {
    const compiler = pool({ size: 1 });
    await compiler.check({ type: 'string' }, {}, Infinity); // the worker is started
    const schema = largeSchema();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    await compiler.check(schema, {}, textLength(schema));
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(elapsed).toBeGreaterThan(20);
    expect(ticks).toBeGreaterThanOrEqual(3);
  });

  it('compiles small schemas inline and large ones on a worker, with the same verdicts', async () => {
    const compiler = pool({ size: 1 });
    const broken = { type: 'object', properties: { a: { $ref: '#/$defs/missing' } } };
    for (const length of [10, Infinity]) {
      await expect(compiler.check({ type: 'string' }, {}, length)).resolves.toBeUndefined();
      const failure = await compiler.check(broken, {}, length).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CompileError);
      expect((failure as Error).message).toContain('#/$defs/missing');
    }
  });

  it('fails a compilation that runs past its time limit, then carries on with a fresh worker', async () => {
    // 8,000 properties take several seconds to compile; a small schema takes milliseconds.
    const compiler = pool({ size: 1, timeoutMs: 1000 });
    const schema = largeSchema({}, 8000);
    await expect(compiler.check(schema, {}, textLength(schema))).rejects.toThrow('took longer than 1 s');
    await expect(compiler.check({ type: 'integer' }, {}, Infinity)).resolves.toBeUndefined();
    await expect(compiler.check({ $ref: '#/nowhere' }, {}, Infinity)).rejects.toBeInstanceOf(CompileError);
  });

  it('with size 0 compiles everything inline', async () => {
    const compiler = pool({ size: 0 });
    await expect(compiler.check({ $ref: '#/nowhere' }, {}, Infinity)).rejects.toBeInstanceOf(CompileError);
  });
});

describe('registering a large schema that does not compile', () => {
  it('answers 42201 with ajv’s message, and the server carries on', async () => {
    const registry = await startRegistry();
    try {
      const schema = largeSchema({ $defs: { ok: { type: 'string' } }, properties: { ...(largeSchema().properties as object), bad: { $ref: '#/$defs/missing' } } });
      const refused = await call(registry.url, 'POST', '/subjects/big.Broken/versions', { schema: JSON.stringify(schema) });
      expect(refused.status).toBe(422);
      expect(refused.body.error_code).toBe(42201);
      expect(refused.body.message).toContain('#/$defs/missing');
      const fine = await call(registry.url, 'POST', '/subjects/big.Fine/versions', { schema: JSON.stringify(largeSchema()) });
      expect(fine.status).toBe(200);
      expect((await call(registry.url, 'GET', '/subjects/big.Broken/versions')).status).toBe(404);
    } finally {
      await registry.close();
    }
  });
});
