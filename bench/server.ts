/**
 * Server benchmark (issue "Registry server"):
 *  - `GET /schemas/ids/{id}` on Charter against a bare fastify route returning the same bytes
 *    (ratio, goal ≥ 0.7; p99 at 64 connections);
 *  - registrations per second with 16 concurrent writers to distinct subjects on PostgreSQL
 *    (goal ≥ 500/s), after a warm-up pass, and the same on PGlite for reference.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { startChild } from './support/child-server.js';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function load(url: string) {
  const result = await autocannon({ url, connections: 64, duration: DURATION_S, pipelining: 1 });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/**
 * Registrations with autocannon, so the load generator costs little of the two cores it shares with
 * the server and the database: each of the 16 connections is one writer, registering 60 versions
 * of its own subject in order (a closed object gaining one optional property: a compatible minor).
 */
async function registrationPass(url: string, writers = 16, perWriter = 60): Promise<{ perSecond: number; failures: number; p99: number }> {
  const run = Date.now().toString(36);
  let nextWriter = 0;
  const versions = Array.from({ length: perWriter }, (_, n) => {
    const properties = Object.fromEntries(Array.from({ length: n + 1 }, (_, i) => [`f${i}`, { type: 'string' }]));
    return JSON.stringify({ schema: JSON.stringify({ type: 'object', additionalProperties: false, properties }) });
  });
  // autocannon's own duration is in whole seconds: time the first request to the last answer.
  let firstSent: number | undefined;
  let lastAnswered = 0;
  const result = await autocannon({
    url,
    connections: writers,
    maxConnectionRequests: perWriter,
    amount: writers * perWriter,
    requests: versions.map((body, n) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      // The context lives as long as the connection's pass over the 60 requests: one subject each.
      setupRequest: (request: autocannon.Request, context: object) => {
        const writer = context as { subject?: string };
        if (n === 0) writer.subject = `bench.${run}.w${nextWriter++}`;
        firstSent ??= performance.now();
        return { ...request, path: `/subjects/${writer.subject!}/versions`, body };
      },
      onResponse: () => {
        lastAnswered = performance.now();
      },
    })),
  });
  const seconds = (lastAnswered - firstSent!) / 1000;
  return { perSecond: result.requests.total / seconds, failures: result.errors + result.non2xx, p99: result.latency.p99 };
}

/**
 * Steady-state registration throughput: two unmeasured passes warm the server (JIT, connection
 * pool, prepared statements; one pass was not enough to settle), then the median of three
 * measured passes, each on new subjects.
 */
export async function registrationsPerSecond(url: string): Promise<{ perSecond: number; failures: number; p99: number; passes: string }> {
  await registrationPass(url);
  const warmUp = await registrationPass(url);
  const passes = [await registrationPass(url), await registrationPass(url), await registrationPass(url)];
  const median = [...passes].sort((a, b) => a.perSecond - b.perSecond)[1];
  return {
    ...median,
    failures: warmUp.failures + passes.reduce((sum, pass) => sum + pass.failures, 0),
    passes: `warm-up ${warmUp.perSecond.toFixed(0)}/s, passes ${passes.map((pass) => pass.perSecond.toFixed(0)).join(', ')}/s`,
  };
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export default async function run(): Promise<void> {
  const charter = await startChild(['bin/charter.ts', 'serve', '--memory', '--port', '0', '--host', '127.0.0.1', '--log-level', 'silent']);
  try {
    const schema = JSON.stringify({ type: 'object', properties: { orderId: { type: 'string' }, totalAmount: { type: 'number' } } });
    const registered = await (await fetch(`${charter.url}/subjects/bench.ById/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ schema }),
    })).json() as { id: number };
    const path = `/schemas/ids/${registered.id}`;
    const bytes = await (await fetch(`${charter.url}${path}`)).text();
    const bare = await startChild(['bench/support/bare-server.ts'], { BARE_BODY: bytes });
    try {
      const floor = await load(`${bare.url}${path}`);
      const ours = await load(`${charter.url}${path}`);
      console.log(`GET /schemas/ids/{id}, 64 connections, ${DURATION_S}s each`);
      console.log(`  bare fastify (floor): ${floor.rps.toFixed(0)} req/s, p99 ${floor.p99} ms, errors ${floor.errors}`);
      console.log(`  charter:              ${ours.rps.toFixed(0)} req/s, p99 ${ours.p99} ms, errors ${ours.errors}`);
      console.log(`  ratio charter/floor:  ${(ours.rps / floor.rps).toFixed(2)} (goal ≥ 0.70)`);
    } finally {
      await bare.stop();
    }
    const pglite = await registrationsPerSecond(charter.url);
    console.log(`registrations, 16 writers to distinct subjects, PGlite (in memory), warm: ${pglite.perSecond.toFixed(0)}/s, p99 ${pglite.p99} ms, failures ${pglite.failures} (${pglite.passes})`);
  } finally {
    await charter.stop();
  }
  if (!(await postgresReachable())) {
    console.log(`registrations on PostgreSQL: skipped, ${DATABASE_URL} is not reachable`);
    return;
  }
  const onPostgres = await startChild(['bin/charter.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'silent'], { DATABASE_URL });
  try {
    const result = await registrationsPerSecond(onPostgres.url);
    console.log(`registrations, 16 writers to distinct subjects, PostgreSQL, warm: ${result.perSecond.toFixed(0)}/s (goal ≥ 500/s), p99 ${result.p99} ms, failures ${result.failures} (${result.passes})`);
  } finally {
    await onPostgres.stop();
  }
}
