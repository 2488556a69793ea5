/**
 * Soak (issue "Hardening"): mixed reads, registrations and compatibility checks against two
 * `charter serve` processes on one PostgreSQL for SOAK_SECONDS (default 30), alternating between
 * them as a load balancer would. Prints throughput, p50/p99 per kind of request and the count of
 * answers by status; the goal is zero 5xx. Without a reachable PostgreSQL it soaks one PGlite
 * server instead (two processes cannot share an embedded store) and says so.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startChild } from './support/child-server.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 30);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 16);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SUBJECTS = Array.from({ length: 8 }, (_, i) => `soak.Subject${i}`);

type Kind = 'read' | 'register' | 'compatibility';
const mix: Array<[Kind, number]> = [['read', 0.6], ['register', 0.2], ['compatibility', 0.2]];

const schemaFor = (n: number) => JSON.stringify({ type: 'object', title: `soak ${n}`, properties: { id: { type: 'string' }, amount: { type: 'number' } }, required: ['id'] });

async function send(url: string, method: string, path: string, body?: unknown): Promise<number> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  await response.arrayBuffer();
  return response.status;
}

/** A fresh schema of its own on PostgreSQL, so a soak never sees (or leaves) other data. */
async function postgresSchema(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const admin = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const schema = `charter_soak_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0);

export default async function run(): Promise<void> {
  const database = await postgresSchema();
  const serve = ['bin/charter.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'silent'];
  const servers = database
    ? await Promise.all([startChild(serve, { DATABASE_URL: database.url }), startChild(serve, { DATABASE_URL: database.url })])
    : [await startChild([...serve, '--memory'], { DATABASE_URL: '' })];
  if (!database) process.stdout.write(`note: PostgreSQL at ${DATABASE_URL} is unreachable; soaking one PGlite server instead of two on PostgreSQL\n`);
  try {
    const ids: number[] = [];
    for (const [i, subject] of SUBJECTS.entries()) {
      const response = await fetch(`${servers[0]!.url}/subjects/${subject}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ schema: schemaFor(-1 - i) }),
      });
      ids.push(((await response.json()) as { id: number }).id);
    }
    const latencies: Record<Kind, number[]> = { read: [], register: [], compatibility: [] };
    const statuses = new Map<string, number>();
    let next = 0;
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (performance.now() < deadline) {
          const n = next++;
          const url = servers[n % servers.length]!.url;
          const subject = SUBJECTS[n % SUBJECTS.length]!;
          let roll = Math.random();
          const kind = mix.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? 'read';
          const t = performance.now();
          let status: string;
          try {
            status = String(
              kind === 'register'
                ? await send(url, 'POST', `/subjects/${subject}/versions`, { schema: schemaFor(n) })
                : kind === 'compatibility'
                  ? await send(url, 'POST', `/compatibility/subjects/${subject}/versions/latest`, { schema: schemaFor(n) })
                  : await send(url, 'GET', [`/subjects/${subject}/versions/latest`, `/schemas/ids/${ids[n % ids.length]}`, '/config'][n % 3]!),
            );
          } catch (error) {
            status = `network error (${(error as Error).name})`;
          }
          latencies[kind].push(performance.now() - t);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    process.stdout.write(`${servers.length} server(s) on ${database ? 'one PostgreSQL' : 'PGlite'}, ${WORKERS} workers, ${elapsed.toFixed(1)} s\n`);
    process.stdout.write(`  all            ${(total / elapsed).toFixed(0).padStart(6)} req/s\n`);
    for (const [kind, values] of Object.entries(latencies)) {
      const sorted = [...values].sort((a, b) => a - b);
      process.stdout.write(
        `  ${kind.padEnd(14)} ${(values.length / elapsed).toFixed(0).padStart(6)} req/s   p50 ${percentile(sorted, 0.5).toFixed(1)} ms   p99 ${percentile(sorted, 0.99).toFixed(1)} ms\n`,
      );
    }
    const byStatus = [...statuses.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([status, count]) => `${status}: ${count}`);
    const fiveHundreds = [...statuses.entries()].filter(([status]) => !/^[234]\d\d$/.test(status)).reduce((sum, [, count]) => sum + count, 0);
    process.stdout.write(`  by status      ${byStatus.join(', ')}\n`);
    process.stdout.write(`  5xx and network errors: ${fiveHundreds} (goal 0)\n`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  }
}
