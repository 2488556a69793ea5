import { afterAll, describe, expect, it } from 'vitest';
import { checkCompatibility, counterexampleSearchOf, type CounterexampleSearch } from '../../../core/compat/index.js';
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
const textOf = (schema: unknown) => JSON.stringify(schema);
/** Checks a schema the way the registry does: with its JSON text. */
const check = (compiler: CompilePool, schema: Record<string, unknown>) => compiler.check(schema, {}, textOf(schema));

describe('compile pool', () => {
  const pools: CompilePool[] = [];
  const pool = (options: ConstructorParameters<typeof CompilePool>[0]) => {
    const made = new CompilePool(options);
    pools.push(made);
    return made;
  };
  afterAll(() => Promise.all(pools.map((p) => p.close())));

  it('compiles a large schema off the event loop: timers keep firing meanwhile', async () => {
    const compiler = pool({ size: 1, offloadBytes: 0 });
    await check(compiler, { type: 'string' }); // the worker is started
    const schema = largeSchema();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    await compiler.check(schema, {}, textOf(schema));
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(elapsed).toBeGreaterThan(20);
    expect(ticks).toBeGreaterThanOrEqual(3);
  });

  it('compiles small schemas inline and large ones on a worker, with the same verdicts', async () => {
    const broken = { type: 'object', properties: { a: { $ref: '#/$defs/missing' } } };
    for (const compiler of [pool({ size: 1 }), pool({ size: 1, offloadBytes: 0 })]) {
      await expect(check(compiler, { type: 'string' })).resolves.toBeUndefined();
      const failure = await check(compiler, broken).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(CompileError);
      expect((failure as Error).message).toContain('#/$defs/missing');
    }
  });

  it('fails a compilation that runs past its time limit, then carries on with a fresh worker', async () => {
    // 8,000 properties take several seconds to compile; a small schema takes milliseconds.
    const compiler = pool({ size: 1, timeoutMs: 1000, offloadBytes: 0 });
    const schema = largeSchema({}, 8000);
    await expect(compiler.check(schema, {}, textOf(schema))).rejects.toThrow('took longer than 1 s');
    await expect(check(compiler, { type: 'integer' })).resolves.toBeUndefined();
    await expect(check(compiler, { $ref: '#/nowhere' })).rejects.toBeInstanceOf(CompileError);
  });

  it('fails a compilation that exhausts its worker’s heap, and the process carries on', async () => {
    const compiler = pool({ size: 1, maxHeapMb: 16, offloadBytes: 0 });
    const schema = largeSchema({}, 8000);
    await expect(compiler.check(schema, {}, textOf(schema))).rejects.toThrow(/memory limit/);
    await expect(check(compiler, { type: 'integer' })).resolves.toBeUndefined();
  });

  it('checks a new version of a wide schema in pieces, with the whole schema’s verdicts', async () => {
    const compiler = pool({ size: 1 });
    const version = (extra: Record<string, unknown>) => largeSchema({ properties: { ...(largeSchema().properties as object), ...extra } });
    const pieces = (schema: Record<string, unknown>) => compiler.check(schema, {}, textOf(schema), { pieces: 'use' });
    await expect(pieces(version({}))).resolves.toBeUndefined();
    await expect(pieces(version({ added: { type: 'string', pattern: '^[a-z]+$' } }))).resolves.toBeUndefined();
    const refused = await pieces(version({ added: { type: 'string', pattern: '^(?=.*a)\\w+$' } })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CompileError);
    expect((refused as Error).message).toBe(((await check(compiler, version({ added: { type: 'string', pattern: '^(?=.*a)\\w+$' } })).catch((error: unknown) => error)) as Error).message);
    const broken = version({ added: { $ref: '#/$defs/missing' } });
    await expect(pieces(broken)).rejects.toThrow('#/$defs/missing');
  });

  it('with size 0 compiles everything inline', async () => {
    const compiler = pool({ size: 0, offloadBytes: 0 });
    await expect(check(compiler, { $ref: '#/nowhere' })).rejects.toBeInstanceOf(CompileError);
  });
});

describe('counterexample search on the compile pool', () => {
  const pools: CompilePool[] = [];
  afterAll(() => Promise.all(pools.map((p) => p.close())));
  /** A 40-property pair whose newer version retypes one property: an old event with a string `flag` breaks it. */
  function wideRetype(): CounterexampleSearch {
    const properties = largeSchema({}, 40).properties as object;
    const older = { type: 'object', properties: { ...properties, flag: { type: 'string' } }, required: ['flag'] };
    const newer = { type: 'object', properties: { ...properties, flag: { type: 'integer' } }, required: ['flag'] };
    const result = checkCompatibility({ schema: newer }, [{ schema: older, version: 3 }], 'BACKWARD', { counterexample: 'deferred' });
    expect(result.compatible).toBe(false);
    expect(Object.keys(result)).not.toContain('counterexample');
    return counterexampleSearchOf(result)!;
  }

  it('finds on a worker the counterexample the engine finds inline, and timers keep firing meanwhile', async () => {
    const compiler = new CompilePool({ size: 1 });
    pools.push(compiler);
    await check(compiler, { type: 'string' });
    const search = wideRetype();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const found = await compiler.counterexample(search);
    clearInterval(timer);
    expect(found).toMatchObject({ direction: 'backward', writer: 'older', againstVersion: 3 });
    expect(typeof (found!.event as { flag?: unknown }).flag).toBe('string');
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(await new CompilePool({ size: 0 }).counterexample(search)).toEqual(found);
  });

  it('answers no counterexample when the search runs out of time, and the next search still finds one', async () => {
    const compiler = new CompilePool({ size: 1 });
    pools.push(compiler);
    const search = wideRetype();
    expect(await compiler.counterexample(search, { timeMs: 0 })).toBeUndefined();
    expect(await compiler.counterexample(search)).toMatchObject({ direction: 'backward' });
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
