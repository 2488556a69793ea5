/**
 * Soak (issues "Hardening" and 13): mixed reads, registrations, compatibility checks and hostile
 * requests (bench/support/hostile-mix.ts) against two `charter serve` processes on one PostgreSQL
 * for SOAK_SECONDS (default 30; issue 13 asks for 60), alternating between them as a load balancer
 * would. Prints throughput, p50/p99 per kind of request, the count of answers by status, hostile
 * requests that were not refused with a 4xx, and the largest heap either server reported
 * (`/metrics`, sampled every second). Goals: zero 5xx, p99 of reads ≤ 50 ms and of registrations
 * ≤ 250 ms, heap bounded. Without a reachable PostgreSQL it soaks one PGlite
 * server instead (two processes cannot share an embedded store) and says so.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startChild } from './support/child-server.js';
import { hostileMix } from './support/hostile-mix.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 30);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 16);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SUBJECTS = Array.from({ length: 8 }, (_, i) => `soak.Subject${i}`);

type Kind = 'read' | 'register' | 'compatibility' | 'hostile';
/** SOAK_HOSTILE=0 leaves the hostile requests out: the same run without them, for comparison. */
const HOSTILE = process.env.SOAK_HOSTILE !== '0';
const mix: Array<[Kind, number]> = HOSTILE
  ? [['read', 0.55], ['register', 0.15], ['compatibility', 0.15], ['hostile', 0.15]]
  : [['read', 0.6], ['register', 0.2], ['compatibility', 0.2]];

/** The largest `charter_nodejs_heap_size_used_bytes` a server's /metrics has shown. */
async function heapUsed(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
  return Number(/^charter_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1] ?? 0);
}

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
    const latencies: Record<Kind, number[]> = { read: [], register: [], compatibility: [], hostile: [] };
    const statuses = new Map<string, number>();
    const notRefused = new Map<string, number>();
    let maxHeap = 0;
    const sampler = setInterval(() => {
      for (const server of servers) heapUsed(server.url).then((bytes) => (maxHeap = Math.max(maxHeap, bytes)), () => undefined);
    }, 1_000);
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
          const hostile = hostileMix[n % hostileMix.length]!;
          try {
            status = String(
              kind === 'hostile'
                ? await send(url, hostile.method, hostile.path, hostile.body)
                : kind === 'register'
                ? await send(url, 'POST', `/subjects/${subject}/versions`, { schema: schemaFor(n) })
                : kind === 'compatibility'
                  ? await send(url, 'POST', `/compatibility/subjects/${subject}/versions/latest`, { schema: schemaFor(n) })
                  : await send(url, 'GET', [`/subjects/${subject}/versions/latest`, `/schemas/ids/${ids[n % ids.length]}`, '/config'][n % 3]!),
            );
          } catch (error) {
            status = `network error (${(error as Error).name})`;
          }
          latencies[kind].push(performance.now() - t);
          if (kind === 'hostile' && !/^4\d\d$/.test(status)) notRefused.set(`${hostile.name} → ${status}`, (notRefused.get(`${hostile.name} → ${status}`) ?? 0) + 1);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    clearInterval(sampler);
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
    process.stdout.write(`  hostile not refused with 4xx: ${notRefused.size ? [...notRefused].map(([what, count]) => `${what} ×${count}`).join('; ') : 'none'} (goal none)\n`);
    process.stdout.write(`  largest heap used by a server: ${(maxHeap / 2 ** 20).toFixed(0)} MiB (goal < 512)\n`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  }
}
