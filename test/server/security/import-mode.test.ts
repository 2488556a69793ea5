import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../support/databases.js';
import { basic, tempDir, writeKeys } from '../../support/auth.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { numberedSchema, register } from '../../support/schemas.js';

const maxId = 2_147_483_647;

describe.each(testBackends)('IMPORT mode and schema ids on $name', (backend) => {
  let registry: TestRegistry;
  let drop: () => Promise<void>;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let keys: Record<string, string>;
  const as = (who: string) => basic(keys[who]!);
  let n = 0;
  const fresh = () => register(numberedSchema(1000 + n++));

  beforeAll(async () => {
    dir = await tempDir();
    const authFile = `${dir.path}/auth.json`;
    keys = await writeKeys(authFile, { root: ['admin'], orderAdmin: ['admin:order.*'], writer: ['writer'] });
    const created = await backend.create();
    drop = created.drop;
    registry = await startRegistry({ store: created.store, auth: { authFile } });
  }, 60_000);
  afterAll(async () => {
    await registry.close();
    await drop();
    await dir.remove();
  });

  it('lets only a global admin switch a subject to IMPORT', async () => {
    const scoped = await call(registry.url, 'PUT', '/mode/order.Imp', { mode: 'IMPORT' }, as('orderAdmin'));
    expect(scoped.status).toBe(403);
    expect(scoped.body.error_code).toBe(40301);
    expect(scoped.body.message).toMatch(/IMPORT mode.*admin on every subject/);
    // The same admin may still make its subjects read-only: only IMPORT is global.
    expect((await call(registry.url, 'PUT', '/mode/order.Other', { mode: 'READONLY' }, as('orderAdmin'))).status).toBe(200);
    expect((await call(registry.url, 'PUT', '/mode/order.Imp', { mode: 'import' }, as('root'))).body).toEqual({ mode: 'IMPORT' });
  });

  it('lets only a global admin register with its own id, even in a subject already in IMPORT', async () => {
    const scoped = await call(registry.url, 'POST', '/subjects/order.Imp/versions', { ...fresh(), id: maxId, version: 1 }, as('orderAdmin'));
    expect(scoped.status).toBe(403);
    const imported = await call(registry.url, 'POST', '/subjects/order.Imp/versions', { ...fresh(), id: maxId, version: 1 }, as('root'));
    expect(imported.status).toBe(200);
    expect(imported.body.id).toBe(maxId);
  });

  it('refuses an id beyond the id type with 42202, changing nothing', async () => {
    const response = await call(registry.url, 'POST', '/subjects/order.Imp/versions', { ...fresh(), id: maxId + 1, version: 2 }, as('root'));
    expect(response.status).toBe(422);
    expect(response.body.error_code).toBe(42202);
    expect((await call(registry.url, 'GET', '/subjects/order.Imp/versions', undefined, as('root'))).body).toEqual([1]);
  });

  it('keeps handing out ids everywhere after the largest id was imported, and after the subject is gone', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await call(registry.url, 'POST', `/subjects/other.S${i}/versions`, fresh(), as('writer'));
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      ids.push(response.body.id);
    }
    expect(ids.every((id) => id < maxId)).toBe(true);
    await call(registry.url, 'DELETE', '/subjects/order.Imp', undefined, as('root'));
    expect((await call(registry.url, 'DELETE', '/subjects/order.Imp?permanent=true', undefined, as('root'))).status).toBe(200);
    const after = await call(registry.url, 'POST', '/subjects/other.After/versions', fresh(), as('writer'));
    expect(after.status).toBe(200);
    expect(after.body.id).toBeLessThan(maxId);
  });

  it('steps over an imported id that lies ahead of the sequence instead of colliding with it', async () => {
    const next = (await call(registry.url, 'POST', '/subjects/other.Probe/versions', fresh(), as('writer'))).body.id as number;
    await call(registry.url, 'PUT', '/mode/import.Ahead', { mode: 'IMPORT' }, as('root'));
    for (const [offset, version] of [[1, 1], [2, 2]] as const) {
      const response = await call(registry.url, 'POST', '/subjects/import.Ahead/versions', { ...fresh(), id: next + offset, version }, as('root'));
      expect(response.body.id).toBe(next + offset);
    }
    const following = await call(registry.url, 'POST', '/subjects/other.Following/versions', fresh(), as('writer'));
    expect(following.status).toBe(200);
    expect(following.body.id).toBeGreaterThan(next + 2);
  });
});
