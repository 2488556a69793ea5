import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, tempDir, writeKeys } from '../../support/auth.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';

let registry: TestRegistry;
let dir: Awaited<ReturnType<typeof tempDir>>;
let keys: Record<string, string>;

beforeAll(async () => {
  dir = await tempDir();
  const authFile = join(dir.path, 'auth.json');
  keys = await writeKeys(authFile, { admin: ['admin'], reader: ['reader'], orderWriter: ['writer:order.*', 'reader'] });
  registry = await startRegistry({ auth: { authFile } });
  const admin = basic(keys.admin!);
  await call(registry.url, 'POST', '/subjects/order.OrderPlaced/versions', { schema: '{"type":"string"}' }, admin);
});
afterAll(async () => {
  await registry.close();
  await dir.remove();
});

const as = (key: string | undefined, method: string, path: string, body?: unknown) =>
  call(registry.url, method, path, body, key ? basic(keys[key]!) : {});

describe('GET /whoami with authentication on', () => {
  it('refuses a caller without credentials with 401, so the console knows to ask for a key', async () => {
    const { status, body } = await as(undefined, 'GET', '/whoami');
    expect([status, body.error_code]).toEqual([401, 40101]);
  });

  it('tells a reader it may make no write action, and the API agrees', async () => {
    const { body } = await as('reader', 'GET', '/whoami?subject=order.OrderPlaced');
    expect(body).toMatchObject({ principal: 'key:reader', authentication: true, roles: ['reader'] });
    expect(Object.entries(body.may).filter(([, may]) => may)).toEqual([]);
    const refused = await as('reader', 'POST', '/subjects/order.OrderPlaced/versions', { schema: '{"type":"string","title":"t"}' });
    expect([refused.status, refused.body.error_code]).toEqual([403, 40301]);
  });

  it('answers per subject for a scoped writer, exactly as the permission table decides', async () => {
    const inScope = (await as('orderWriter', 'GET', '/whoami?subject=order.OrderPlaced')).body.may;
    expect(inScope).toMatchObject({ register: true, deleteVersion: true, configureSubject: false, configureGlobal: false, readAudit: false, declareConsumers: true });
    const outOfScope = (await as('orderWriter', 'GET', '/whoami?subject=payment.PaymentProcessed')).body.may;
    expect(outOfScope.register).toBe(false);
    const refused = await as('orderWriter', 'POST', '/subjects/payment.PaymentProcessed/versions', { schema: '{"type":"string"}' });
    expect(refused.status).toBe(403);
    const allowed = await as('orderWriter', 'POST', '/subjects/order.OrderPlaced/versions', { schema: '{"type":"string","title":"t"}' });
    expect(allowed.status).toBe(200);
  });

  it('leaves subject-scoped actions out when no subject is named, and tells an admin everything is open', async () => {
    const { body } = await as('admin', 'GET', '/whoami');
    expect(body.may).toEqual({ configureGlobal: true, setGlobalMode: true, readAudit: true, declareConsumers: true });
  });
});

describe('the console entry points with authentication on', () => {
  it('serves the console without credentials (it holds no registry data) and redirects browsers from /', async () => {
    const page = await fetch(`${registry.url}/ui/`);
    // 200 once `npm run build` has built the console; never a 401 or 403 before sign-in.
    expect([200, 404]).toContain(page.status);
    expect(page.headers.get('www-authenticate')).toBeNull();
    const root = await fetch(`${registry.url}/`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/ui/']);
    expect((await as(undefined, 'GET', '/')).status).toBe(401);
  });

  it('keeps the console reads behind the same rules as the API', async () => {
    expect((await as(undefined, 'GET', '/subjects/order.OrderPlaced/diff?from=1&to=1')).status).toBe(401);
    expect((await as('reader', 'GET', '/subjects/order.OrderPlaced/diff?from=1&to=2')).status).toBe(200);
    expect((await as('reader', 'GET', '/catalog')).body.map((row: { subject: string }) => row.subject)).toEqual(['order.OrderPlaced']);
    expect((await as('reader', 'GET', '/audit')).status).toBe(403);
  });
});
