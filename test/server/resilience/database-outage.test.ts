import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { openStore } from '../../../server/storage/open-store.js';
import type { SqlDriver } from '../../../server/storage/sql-driver.js';
import { testBackends } from '../../support/databases.js';
import { call, startRegistry } from '../../support/registry.js';
import { numberedSchema, orderPlacedV1, register } from '../../support/schemas.js';
import { startTcpProxy } from '../../support/tcp-proxy.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store that is down: every query fails the way node-postgres fails on a refused connection. */
const downStore: SqlDriver = {
  kind: 'postgres',
  location: 'nowhere',
  query: async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  },
  transaction: async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  },
  exec: async () => undefined,
  listen: async () => async () => undefined,
  close: async () => undefined,
};

describe('a store that cannot be reached', () => {
  it('answers 503 with retry-after and a Confluent-style body, on reads and writes alike', async () => {
    const { app } = buildApp({ db: downStore });
    for (const [method, url, payload] of [['GET', '/subjects'], ['POST', '/subjects/x/versions', register(orderPlacedV1)], ['PUT', '/config', { compatibility: 'NONE' }]] as const) {
      const response = await app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.json()).toEqual({ error_code: 50301, message: expect.stringMatching(/store is unavailable/) });
    }
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });
});

const postgres = testBackends.filter((backend) => backend.name === 'postgres');

describe.each(postgres)('PostgreSQL cut off under load (through a TCP proxy)', (backend) => {
  // Regression: the dropped connection's 'error' event had no listener on a checked-out client
  // and was thrown as an uncaught exception, which kills a server process.
  it('survives a connection dropped while a transaction is between queries', async () => {
    const { store, drop } = await backend.create();
    const direct = new URL((store as { databaseUrl: string }).databaseUrl);
    const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    direct.host = `127.0.0.1:${proxy.port}`;
    const db = await openStore({ kind: 'postgres', databaseUrl: direct.toString() });
    try {
      const attempt = db.transaction(async (tx) => {
        await tx.query('SELECT 1');
        proxy.cut();
        await sleep(200); // JavaScript work between two queries, as a registration does
        await tx.query('SELECT 1');
      });
      await expect(attempt).rejects.toThrow();
      proxy.restore();
      expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
      await proxy.close();
      await drop();
    }
  });

  it('answers 503 quickly while cut off, reports not ready, and recovers by itself', async () => {
    const { store, drop } = await backend.create();
    const direct = new URL((store as { databaseUrl: string }).databaseUrl);
    const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(direct);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const registry = await startRegistry({ store: { kind: 'postgres', databaseUrl: viaProxy.toString() } });
    try {
      await call(registry.url, 'POST', '/subjects/outage.A/versions', register(orderPlacedV1));
      const samples: Array<{ phase: string; status: number; ms: number; body: any; retryAfter: string | null }> = [];
      let phase = 'before';
      let n = 0;
      const load = Array.from({ length: 6 }, async (_, worker) => {
        while (phase !== 'done') {
          const started = performance.now();
          const [method, path, body] =
            worker % 3 === 0
              ? ['POST', '/subjects/outage.B/versions', register(numberedSchema(n++))]
              : worker % 3 === 1
                ? ['GET', '/subjects/outage.A/versions/latest', undefined]
                : ['GET', '/config', undefined];
          const response = await call(registry.url, method, path, body);
          samples.push({ phase, status: response.status, ms: performance.now() - started, body: response.body, retryAfter: response.headers.get('retry-after') });
        }
      });
      await sleep(1_000);
      phase = 'cut';
      proxy.cut();
      await sleep(500);
      const notReady = await call(registry.url, 'GET', '/readyz');
      await sleep(1_500);
      phase = 'restored';
      proxy.restore();
      let readyAfterMs = 0;
      const restoredAt = performance.now();
      while ((await call(registry.url, 'GET', '/readyz')).status !== 200) await sleep(50);
      readyAfterMs = performance.now() - restoredAt;
      await sleep(1_000);
      phase = 'after';
      await sleep(1_000);
      phase = 'done';
      await Promise.all(load);

      expect(notReady.status).toBe(503);
      expect(readyAfterMs).toBeLessThan(3_000);
      // Bounded: nobody waits on a dead database.
      expect(Math.max(...samples.map((s) => s.ms))).toBeLessThan(3_000);
      expect(new Set(samples.map((s) => s.status))).toEqual(new Set([200, 503]));
      for (const refused of samples.filter((s) => s.status === 503)) {
        expect(refused.body).toEqual({ error_code: 50301, message: expect.any(String) });
        expect(refused.retryAfter).toBe('1');
      }
      expect(samples.filter((s) => s.phase === 'cut' && s.status === 503).length).toBeGreaterThan(0);
      expect(samples.filter((s) => s.phase === 'before').every((s) => s.status === 200)).toBe(true);
      expect(samples.filter((s) => s.phase === 'after').every((s) => s.status === 200)).toBe(true);
      expect(samples.filter((s) => s.phase === 'after').length).toBeGreaterThan(5);
    } finally {
      await registry.close();
      await proxy.close();
      await drop();
    }
  }, 60_000);
});
