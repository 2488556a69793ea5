import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Authenticator, permissions } from '../../../server/auth/index.js';
import { buildApp, openStore } from '../../../server/index.js';
import { basic, tempDir, writeKeys } from '../../support/auth.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { routeTable } from '../../support/routes.js';

let registry: TestRegistry;
let dir: Awaited<ReturnType<typeof tempDir>>;
let authFile: string;
let keys: Record<string, string>;

beforeAll(async () => {
  dir = await tempDir();
  authFile = join(dir.path, 'auth.json');
  keys = await writeKeys(authFile, { admin: ['admin'] });
  registry = await startRegistry({ auth: { authFile } });
});
afterAll(async () => {
  await registry.close();
  await dir.remove();
});

const servedRoutes = () => routeTable(registry.server.app);

describe('the permission table', () => {
  it('has a rule for every route fastify serves', () => {
    const served = servedRoutes();
    expect(served.length).toBeGreaterThan(30);
    expect(served.filter((route) => !Object.hasOwn(permissions, route))).toEqual([]);
  });

  it('has a rule for every route fastify announced through its onRoute hook', () => {
    const announced = registry.server.routes.map(({ method, url }) => `${method} ${url}`);
    expect(announced.length).toBeGreaterThan(30);
    expect(announced.filter((route) => !Object.hasOwn(permissions, route))).toEqual([]);
  });

  it('names no route that the server does not serve', () => {
    const served = new Set(servedRoutes());
    expect(Object.keys(permissions).filter((route) => !served.has(route))).toEqual([]);
  });

  it('refuses a route that has no rule with 403, even to an unscoped admin', async () => {
    const db = await openStore({ kind: 'pglite' });
    const { app } = buildApp({ db, auth: await Authenticator.open(authFile) });
    app.get('/forgotten', async () => ({ secret: 'should not be served' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = app.server.address() as { port: number };
      const response = await call(`http://127.0.0.1:${address.port}`, 'GET', '/forgotten', undefined, basic(keys.admin!));
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ error_code: 40301, message: 'No permission rule covers GET /forgotten; refused by default' });
    } finally {
      await app.close();
      await db.close();
    }
  });
});
