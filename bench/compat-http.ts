/**
 * The compatibility benchmark's checks through the registry's HTTP API (`POST /compatibility/…`),
 * on an in-process server over an in-memory store: what a CI gate or a producer actually waits for.
 */
import type { JsonSchema } from '../core/schema/types.js';
import { call, startRegistry } from '../test/support/registry.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** `schema(variant, extra)` builds the same 1,000-property versions as the in-process benchmark. */
/**
 * `enginePair(k)` times the engine on the same pair as the k-th HTTP check, right before it: on a
 * shared machine the load changes within seconds, so the ratio is taken between neighbours.
 */
export async function runOverHttp(
  schema: (variant: number, extra?: number) => JsonSchema,
  groupSize: number,
  enginePair: (k: number) => number,
): Promise<{ pairMs: number; enginePairMs: number; groupFirstMs: number; groupWarmMs: number }> {
  const registry = await startRegistry({ bodyLimit: 64 * 1024 * 1024 });
  try {
    const body = (s: JsonSchema, extra: Record<string, unknown> = {}) => ({ schema: JSON.stringify(s), ...extra });
    const pairSubject = '/subjects/bench.Pair';
    await call(registry.url, 'POST', `${pairSubject}/versions`, body(schema(0)));
    const engine: number[] = [];
    const pair = median(
      await sequence(7, (k) => {
        engine.push(enginePair(k));
        const request = body(schema(5 + 2 * k, 10));
        return timed(() => call(registry.url, 'POST', '/compatibility/subjects/bench.Pair/versions/latest', request));
      }),
    );
    const enginePairMs = median(engine);
    process.stdout.write(`POST /compatibility …/versions/latest, 1,000-property pair (median of 7): ${pair.toFixed(1)} ms; the engine alongside: ${enginePairMs.toFixed(1)} ms\n`);

    // A FULL_TRANSITIVE group of earlier versions, imported (IMPORT mode skips the checks that
    // registering them one by one would run).
    await call(registry.url, 'PUT', '/mode/bench.Group?force=true', { mode: 'IMPORT' });
    for (let v = 1; v <= groupSize; v++) {
      await call(registry.url, 'POST', '/subjects/bench.Group/versions', body(schema(v), { id: 100 + v, version: v, semver: `1.${v}.0` }));
    }
    await call(registry.url, 'DELETE', '/mode/bench.Group');
    await call(registry.url, 'PUT', '/config/bench.Group', { compatibility: 'FULL_TRANSITIVE' });
    const check = (k: number) => call(registry.url, 'POST', '/compatibility/subjects/bench.Group/versions', body(schema(5000 + k)));
    const first = await timed(() => check(0));
    const warm = median(await sequence(5, (k) => timed(() => check(k + 1))));
    process.stdout.write(
      `POST /compatibility …/versions, FULL_TRANSITIVE over ${groupSize} earlier versions: first ${first.toFixed(0)} ms, then median ${warm.toFixed(1)} ms\n`,
    );
    return { pairMs: pair, enginePairMs, groupFirstMs: first, groupWarmMs: warm };
  } finally {
    await registry.close();
  }
}

async function sequence<T>(count: number, fn: (k: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let k = 0; k < count; k++) results.push(await fn(k));
  return results;
}
