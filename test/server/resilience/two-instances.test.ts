import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { openStore } from '../../../server/storage/open-store.js';
import { testBackends } from '../../support/databases.js';
import { call, startRegistry } from '../../support/registry.js';
import { numberedSchema, orderPlacedV1, orderPlacedV1_1, register } from '../../support/schemas.js';

interface Pair {
  a: string;
  b: string;
  close(): Promise<void>;
}

/**
 * Two registry instances over one store. With PostgreSQL they are two servers with their own
 * pools and caches (what a load balancer spreads requests over); without it, two apps over one
 * PGlite — which still proves the apps keep no mutable state of their own.
 */
const pairs: Array<{ name: string; open(): Promise<Pair> }> = [
  {
    name: 'two apps over one PGlite',
    async open() {
      const db = await openStore({ kind: 'pglite' });
      const apps = [buildApp({ db }), buildApp({ db })];
      const [a, b] = await Promise.all(apps.map(({ app }) => app.listen({ port: 0, host: '127.0.0.1' })));
      return { a: a!, b: b!, close: async () => (await Promise.all(apps.map(({ app }) => app.close())), await db.close()) };
    },
  },
  ...testBackends
    .filter((backend) => backend.name === 'postgres')
    .map((backend) => ({
      name: 'two servers on one PostgreSQL',
      async open(): Promise<Pair> {
        const { store, drop } = await backend.create();
        const [a, b] = await Promise.all([startRegistry({ store }), startRegistry({ store })]);
        return { a: a.url, b: b.url, close: async () => (await Promise.all([a.close(), b.close()]), await drop()) };
      },
    })),
];

/** Polls until `check` passes, for at most a second: "seen on the other instance within a second". */
async function within1s(check: () => Promise<void>): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      await check();
      return performance.now() - started;
    } catch (error) {
      if (performance.now() - started > 1_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe.each(pairs)('$name', ({ open }) => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await open();
  });
  afterAll(() => pair.close());

  it('sees a global config change made on the other instance', async () => {
    await call(pair.a, 'PUT', '/config', { compatibility: 'FULL' });
    await within1s(async () => expect((await call(pair.b, 'GET', '/config')).body.compatibilityLevel).toBe('FULL'));
    await call(pair.b, 'PUT', '/config', { compatibility: 'BACKWARD' });
    await within1s(async () => expect((await call(pair.a, 'GET', '/config')).body.compatibilityLevel).toBe('BACKWARD'));
  });

  it('sees a new version registered on the other instance, and checks compatibility against it', async () => {
    await call(pair.a, 'POST', '/subjects/pair.Order/versions', register(orderPlacedV1));
    await call(pair.a, 'POST', '/subjects/pair.Order/versions', register(orderPlacedV1_1));
    await within1s(async () => expect((await call(pair.b, 'GET', '/subjects/pair.Order/versions/latest')).body.version).toBe(2));
    // v1 is identical to version 1 but cannot read v1.1's `currency` (closed object): only an
    // instance that sees version 2 as latest answers "incompatible".
    await within1s(async () => {
      const verdict = await call(pair.b, 'POST', '/compatibility/subjects/pair.Order/versions/latest', register(orderPlacedV1));
      expect(verdict.body.is_compatible).toBe(false);
    });
  });

  it('obeys a mode set on the other instance', async () => {
    await call(pair.a, 'PUT', '/mode/pair.Order', { mode: 'READONLY' });
    await within1s(async () => expect((await call(pair.b, 'POST', '/subjects/pair.Order/versions', register(numberedSchema(1)))).body.error_code).toBe(42205));
    await call(pair.b, 'DELETE', '/mode/pair.Order');
  });

  it('sees a subject deleted and a consumer declared on the other instance', async () => {
    await call(pair.a, 'POST', '/subjects/pair.Gone/versions', register(numberedSchema(1)));
    await call(pair.b, 'DELETE', '/subjects/pair.Gone');
    await within1s(async () => expect((await call(pair.a, 'GET', '/subjects/pair.Gone/versions')).status).toBe(404));
    await call(pair.a, 'PUT', '/consumers/pair-billing', { 'pair.Order': '^1.0.0' });
    await within1s(async () => expect((await call(pair.b, 'GET', '/consumers/pair-billing')).body.subjects).toEqual({ 'pair.Order': '^1.0.0' }));
  });

  it('numbers versions registered concurrently on both instances without gaps or duplicates', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) => call(n % 2 ? pair.a : pair.b, 'POST', '/subjects/pair.Race/versions', register(numberedSchema(n)))),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    expect(results.map((r) => r.body.version).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
