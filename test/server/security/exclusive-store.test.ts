import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ChildServer } from '../../support/child-server.js';
import { call, startRegistry } from '../../support/registry.js';
import { numberedSchema, register } from '../../support/schemas.js';

let dataDir: string;
const running: ChildServer[] = [];
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'charter-exclusive-'));
});
afterAll(async () => {
  for (const server of running) await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a PGlite data folder is held by one server at a time', () => {
  it('refuses a second server on the folder with one line naming the folder and the holder', async () => {
    const first = await spawnServer({ dataDir });
    running.push(first);
    expect((await call(first.url, 'POST', '/subjects/lock.A/versions', register(numberedSchema(1)))).status).toBe(200);

    const second = spawnServer({ dataDir });
    const refusal = await second.then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(refusal).toMatch(/exited with 2 before listening/);
    const line = refusal.split('\n').find((l) => l.includes('data folder'));
    expect(line).toContain(dataDir);
    expect(line).toContain(`pid ${first.pid}`);
    // The first server is untouched and still the only writer.
    expect((await call(first.url, 'GET', '/subjects/lock.A/versions')).body).toEqual([1]);
  }, 120_000);

  it('takes over the lock a server killed with -9 left behind, with every acknowledged write', async () => {
    const first = running.pop()!;
    await first.kill9();
    expect(JSON.parse(await readFile(join(dataDir, 'charter.lock'), 'utf8')).pid).toBe(first.pid);
    const next = await spawnServer({ dataDir });
    running.push(next);
    expect((await call(next.url, 'GET', '/subjects/lock.A/versions')).body).toEqual([1]);
    // A sequence skips the values it had logged ahead before a crash (PostgreSQL's rule): any fresh id will do.
    const registered = await call(next.url, 'POST', '/subjects/lock.A/versions', register(numberedSchema(2)));
    expect(registered.status).toBe(200);
    expect(registered.body.id).toBeGreaterThan(1);
    expect((await call(next.url, 'GET', '/subjects/lock.A/versions')).body).toEqual([1, 2]);
  }, 120_000);

  it('refuses a second store on the folder inside one process too, and frees the folder on close', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'charter-exclusive-'));
    try {
      const one = await startRegistry({ store: { kind: 'pglite', dataDir: folder } });
      await expect(startRegistry({ store: { kind: 'pglite', dataDir: folder } })).rejects.toThrow(`in use by another process (pid ${process.pid})`);
      await one.close();
      const again = await startRegistry({ store: { kind: 'pglite', dataDir: folder } });
      expect((await call(again.url, 'GET', '/subjects')).status).toBe(200);
      await again.close();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('treats a garbled lock file (a crash while writing it) as stale', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'charter-exclusive-'));
    try {
      await writeFile(join(folder, 'charter.lock'), '{"pid":');
      const registry = await startRegistry({ store: { kind: 'pglite', dataDir: folder } });
      expect(JSON.parse(await readFile(join(folder, 'charter.lock'), 'utf8')).pid).toBe(process.pid);
      await registry.close();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
