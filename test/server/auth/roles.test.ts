import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, tempDir, writeKeys } from '../../support/auth.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { orderPlacedV1 } from '../../support/schemas.js';

let registry: TestRegistry;
let dir: Awaited<ReturnType<typeof tempDir>>;
let keys: Record<string, string>;
const schema = (title: string) => ({ schemaType: 'JSON', schema: JSON.stringify({ ...orderPlacedV1, title }) });

beforeAll(async () => {
  dir = await tempDir();
  const file = join(dir.path, 'auth.json');
  keys = await writeKeys(file, { reader: ['reader'], writer: ['writer'], admin: ['admin'] });
  registry = await startRegistry({ auth: { authFile: file } });
  const seeded = await call(registry.url, 'POST', '/subjects/order.OrderPlaced/versions', schema('v1'), basic(keys.admin!));
  expect(seeded.status).toBe(200);
});
afterAll(async () => {
  await registry.close();
  await dir.remove();
});

type Who = 'anonymous' | 'reader' | 'writer' | 'admin';
const who: Who[] = ['anonymous', 'reader', 'writer', 'admin'];
/** `ok` means the call got past authorisation: whatever the route answered, it was not 401 or 403. */
type Outcome = 'ok' | 401 | 403;

/** One representative route per permission class, and what each role gets from it. */
const matrix: Array<{ rule: string; method: string; path: (w: Who) => string; body?: unknown; expect: Record<Who, Outcome> }> = [
  { rule: 'probe', method: 'GET', path: () => '/healthz', expect: { anonymous: 'ok', reader: 'ok', writer: 'ok', admin: 'ok' } },
  { rule: 'metrics (admin by default)', method: 'GET', path: () => '/metrics', expect: { anonymous: 401, reader: 403, writer: 403, admin: 'ok' } },
  { rule: 'authenticated', method: 'GET', path: () => '/schemas/types', expect: { anonymous: 401, reader: 'ok', writer: 'ok', admin: 'ok' } },
  { rule: 'read a subject', method: 'GET', path: () => '/subjects/order.OrderPlaced/versions', expect: { anonymous: 401, reader: 'ok', writer: 'ok', admin: 'ok' } },
  { rule: 'read a schema id', method: 'GET', path: () => '/schemas/ids/1', expect: { anonymous: 401, reader: 'ok', writer: 'ok', admin: 'ok' } },
  { rule: 'read global config', method: 'GET', path: () => '/config', expect: { anonymous: 401, reader: 'ok', writer: 'ok', admin: 'ok' } },
  { rule: 'check compatibility', method: 'POST', path: () => '/compatibility/subjects/order.OrderPlaced/versions/latest', body: schema('v1'), expect: { anonymous: 401, reader: 'ok', writer: 'ok', admin: 'ok' } },
  { rule: 'register', method: 'POST', path: (w) => `/subjects/${w}.Registered/versions`, body: schema('r'), expect: { anonymous: 401, reader: 403, writer: 'ok', admin: 'ok' } },
  { rule: 'soft delete', method: 'DELETE', path: (w) => `/subjects/${w}.Missing`, expect: { anonymous: 401, reader: 403, writer: 'ok', admin: 'ok' } },
  { rule: 'declare a consumer', method: 'PUT', path: (w) => `/consumers/${w}-group`, body: { 'order.OrderPlaced': '^1.0.0' }, expect: { anonymous: 401, reader: 403, writer: 'ok', admin: 'ok' } },
  { rule: 'import (registration with id and version)', method: 'POST', path: (w) => `/subjects/${w}.Imported/versions`, body: { ...schema('i'), id: 90, version: 1 }, expect: { anonymous: 401, reader: 403, writer: 403, admin: 'ok' } },
  { rule: 'hard delete', method: 'DELETE', path: () => '/subjects/order.OrderPlaced/versions/1?permanent=true', expect: { anonymous: 401, reader: 403, writer: 403, admin: 'ok' } },
  { rule: 'subject config change', method: 'PUT', path: () => '/config/order.OrderPlaced', body: { compatibility: 'BACKWARD' }, expect: { anonymous: 401, reader: 403, writer: 403, admin: 'ok' } },
  { rule: 'global mode change', method: 'PUT', path: () => '/mode', body: { mode: 'READWRITE' }, expect: { anonymous: 401, reader: 403, writer: 403, admin: 'ok' } },
  { rule: 'audit log', method: 'GET', path: () => '/audit', expect: { anonymous: 401, reader: 403, writer: 403, admin: 'ok' } },
];

describe('roles against one route of each permission class', () => {
  for (const row of matrix) {
    for (const w of who) {
      const outcome = row.expect[w];
      it(`${outcome === 'ok' ? 'lets' : `answers ${outcome} to`} ${w === 'anonymous' ? 'an anonymous caller' : `${w === "admin" ? "an" : "a"} ${w}`} ${outcome === 'ok' ? 'call' : 'calling'} ${row.rule}`, async () => {
        const response = await call(registry.url, row.method, row.path(w), row.body, w === 'anonymous' ? {} : basic(keys[w]!));
        if (outcome === 'ok') expect([401, 403]).not.toContain(response.status);
        else {
          expect(response.status).toBe(outcome);
          expect(response.body.error_code).toBe(outcome === 401 ? 40101 : 40301);
        }
      });
    }
  }
});

describe('authentication failures', () => {
  it('answers 401 with a challenge naming both schemes when credentials are missing', async () => {
    const response = await call(registry.url, 'GET', '/subjects');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="charter", Bearer realm="charter"');
    expect(response.body).toEqual({ error_code: 40101, message: expect.stringContaining('Authentication required') });
  });

  it('answers 401 to a wrong secret, an unknown key and a malformed header alike', async () => {
    const [id] = keys.reader!.split(':');
    for (const headers of [basic(`${id}:not-the-secret`), basic('ck_unknown:whatever'), { authorization: 'Basic' }, { authorization: 'Digest x' }]) {
      const response = await call(registry.url, 'GET', '/subjects', undefined, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Basic');
    }
  });

  it('accepts the same key:secret as a bearer token', async () => {
    const response = await call(registry.url, 'GET', '/subjects', undefined, { authorization: `Bearer ${keys.reader}` });
    expect(response.status).toBe(200);
  });

  it('keeps /readyz anonymous for probes, even with a bad Authorization header', async () => {
    const response = await call(registry.url, 'GET', '/readyz', undefined, basic('ck_x:wrong'));
    expect(response.status).toBe(200);
  });

  it('asks for credentials before answering 404 for a path no route serves', async () => {
    expect((await call(registry.url, 'GET', '/nowhere')).status).toBe(401);
    expect((await call(registry.url, 'GET', '/nowhere', undefined, basic(keys.reader!))).status).toBe(404);
  });
});
