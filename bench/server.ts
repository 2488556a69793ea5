/**
 * Server benchmark (issue "Registry server"):
 *  - `GET /schemas/ids/{id}` on Charter against a bare fastify route returning the same bytes
 *    (ratio, goal ≥ 0.7; p99 at 64 connections);
 *  - registrations per second with 16 concurrent writers to distinct subjects on PostgreSQL
 *    (goal ≥ 500/s), and the same on PGlite for reference.
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

async function registrationsPerSecond(url: string, writers = 16, perWriter = 60): Promise<{ perSecond: number; failures: number }> {
  const run = Date.now().toString(36);
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let n = 0; n < perWriter; n++) {
        // A closed object gaining one optional property per version: each is a compatible minor.
        const schema = { type: 'object', additionalProperties: false, properties: Object.fromEntries(Array.from({ length: n + 1 }, (_, i) => [`f${i}`, { type: 'string' }])) };
        const response = await fetch(`${url}/subjects/bench.${run}.w${w}/versions`, {
          method: 'POST',
          headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
          body: JSON.stringify({ schema: JSON.stringify(schema) }),
        });
        if (response.status !== 200) failures++;
        await response.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: (writers * perWriter) / seconds, failures };
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
    console.log(`registrations, 16 writers to distinct subjects, PGlite (in memory): ${pglite.perSecond.toFixed(0)}/s, failures ${pglite.failures}`);
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
    console.log(`registrations, 16 writers to distinct subjects, PostgreSQL: ${result.perSecond.toFixed(0)}/s (goal ≥ 500/s), failures ${result.failures}`);
  } finally {
    await onPostgres.stop();
  }
}
