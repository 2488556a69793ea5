import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, tempDir, writeKeys } from '../../support/auth.js';
import { testBackends } from '../../support/databases.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';

const secretSchema = { type: 'string', enum: ['alpha-secret-value', 'beta-secret-value'] };
const reg = (schema: unknown, references: unknown[] = []) => ({ schema: JSON.stringify(schema), references });
const ref = (subject: string, name = `${subject}.json`) => ({ name, subject, version: 1 });

describe.each(testBackends)('what a role may read, on $name', (backend) => {
  let registry: TestRegistry;
  let drop: () => Promise<void>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let keys: Record<string, string>;
  const as = (who: string) => basic(keys[who]!);
  const api = (who: string, method: string, path: string, body?: unknown) => call(registry.url, method, path, body, as(who));

  beforeAll(async () => {
    dir = await tempDir();
    const authFile = `${dir.path}/auth.json`;
    keys = await writeKeys(authFile, { root: ['admin'], orders: ['writer:order.*'], orderReader: ['reader:order.*'] });
    const created = await backend.create();
    drop = created.drop;
    registry = await startRegistry({ store: created.store, auth: { authFile } });
    // An admin may build what a scoped writer may not: an order.* schema that reaches into secret.*.
    expect((await api('root', 'POST', '/subjects/secret.T/versions', reg(secretSchema))).status).toBe(200);
    expect((await api('root', 'POST', '/subjects/order.Base/versions', reg({ $ref: 'secret.T.json' }, [ref('secret.T')]))).status).toBe(200);
    expect((await api('root', 'POST', '/subjects/order.Plain/versions', reg({ type: 'integer' }))).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await registry.close();
    await drop();
    await dir.remove();
  });

  describe('references of references', () => {
    it('refuses a registration whose reference reaches a hidden subject through another reference', async () => {
      const response = await api('orders', 'POST', '/subjects/order.Evil/versions', reg({ $ref: 'order.Base.json' }, [ref('order.Base')]));
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ error_code: 40301, message: expect.stringContaining("'secret.T'") });
      expect((await api('root', 'GET', '/subjects/order.Evil/versions')).status).toBe(404);
    });

    it('refuses the same closure on lookup and on a compatibility check', async () => {
      const body = reg({ $ref: 'order.Base.json' }, [ref('order.Base')]);
      expect((await api('orders', 'POST', '/subjects/order.Plain', body)).status).toBe(403);
      expect((await api('orders', 'POST', '/compatibility/subjects/order.Plain/versions/latest', body)).status).toBe(403);
      expect((await api('orders', 'POST', '/compatibility/subjects/order.Base/versions/latest', reg({ type: 'string' }))).status).toBe(403);
    });

    it('refuses to validate or upcast against stored schemas that reach a hidden subject, without echoing it', async () => {
      const validate = await api('orderReader', 'POST', '/subjects/order.Base/versions/1/validate', { event: 'x' });
      expect(validate.status).toBe(403);
      expect(JSON.stringify(validate.body)).not.toContain('secret-value');
      expect((await api('orderReader', 'POST', '/subjects/order.Base/upcast', { event: 'x', from: 1, to: 1 })).status).toBe(403);
      expect((await api('orderReader', 'POST', '/subjects/order.Base/upcast/trace', { event: 'x', from: 1, to: 1 })).status).toBe(403);
      // The admin who may read everything still can.
      const allowed = await api('root', 'POST', '/subjects/order.Base/versions/1/validate', { event: 'x' });
      expect(allowed.status).toBe(200);
      expect(allowed.body.valid).toBe(false);
    });

    it('still allows references that stay inside what the caller may read', async () => {
      const body = reg({ $ref: 'order.Plain.json' }, [ref('order.Plain')]);
      expect((await api('orders', 'POST', '/subjects/order.Ok/versions', body)).status).toBe(200);
      expect((await api('orders', 'POST', '/subjects/order.Ok2/versions', reg({ $ref: 'order.Ok.json' }, [ref('order.Ok')]))).status).toBe(200);
      expect((await api('orderReader', 'POST', '/subjects/order.Ok2/versions/1/validate', { event: 3 })).body.valid).toBe(true);
    });
  });

  describe('permanently deleted schemas', () => {
    it('are 40403 by id for a reader and stay readable for a global admin', async () => {
      const { id } = (await api('root', 'POST', '/subjects/order.Doomed/versions', reg({ type: 'string', title: 'doomed secret' }))).body;
      expect((await api('orderReader', 'GET', `/schemas/ids/${id}`)).status).toBe(200);
      await api('root', 'DELETE', '/subjects/order.Doomed');
      expect((await api('orderReader', 'GET', `/schemas/ids/${id}`)).status, 'soft deleted: still readable').toBe(200);
      expect((await api('root', 'DELETE', '/subjects/order.Doomed?permanent=true')).status).toBe(200);
      for (const path of [`/schemas/ids/${id}`, `/schemas/ids/${id}/schema`, `/schemas/ids/${id}/subjects`, `/schemas/ids/${id}/versions`]) {
        const response = await api('orderReader', 'GET', path);
        expect({ path, status: response.status, code: response.body.error_code }).toEqual({ path, status: 404, code: 40403 });
        expect(JSON.stringify(response.body)).not.toContain('doomed secret');
      }
      expect((await api('root', 'GET', `/schemas/ids/${id}`)).status).toBe(200);
    });
  });

  describe('consumer groups', () => {
    beforeAll(async () => {
      expect((await api('root', 'PUT', '/consumers/fraud', { 'secret.T': '^1.0.0' })).status).toBe(200);
      expect((await api('root', 'PUT', '/consumers/mixed', { 'secret.T': '^1.0.0', 'order.Plain': '^1.0.0' })).status).toBe(200);
    });

    it('answers a group whose every subject is hidden exactly as a group that does not exist', async () => {
      const hidden = await api('orderReader', 'GET', '/consumers/fraud');
      const missing = await api('orderReader', 'GET', '/consumers/no-such-group');
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual({ ...missing.body, message: missing.body.message.replace('no-such-group', 'fraud') });
      expect((await api('root', 'GET', '/consumers/fraud')).status).toBe(200);
    });

    it('shows a mixed group with only the subjects the caller may read', async () => {
      expect((await api('orderReader', 'GET', '/consumers/mixed')).body).toEqual({ group: 'mixed', subjects: { 'order.Plain': '^1.0.0' } });
      expect((await api('orderReader', 'GET', '/subjects/order.Plain/readers')).body).toEqual([{ group: 'mixed', range: '^1.0.0', version: '1.0.0' }]);
    });

    it('never lists a group as a reader of a subject named like an object property', async () => {
      expect((await api('root', 'POST', '/subjects/constructor/versions', reg({ type: 'string' }))).status).toBe(200);
      expect((await api('root', 'GET', '/subjects/constructor/readers')).body).toEqual([]);
    });
  });
});

describe('readiness', () => {
  it('tells an anonymous caller only that the registry is not ready', async () => {
    const registry = await startRegistry();
    try {
      expect((await call(registry.url, 'GET', '/readyz')).status).toBe(200);
      await registry.server.db.close();
      const response = await call(registry.url, 'GET', '/readyz');
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ error_code: 50301, message: 'The registry is not ready' });
    } finally {
      await registry.server.app.close();
    }
  });
});
