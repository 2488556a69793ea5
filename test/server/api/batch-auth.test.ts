import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, tempDir, writeKeys } from '../../support/auth.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { orderPlacedV1, register } from '../../support/schemas.js';

let registry: TestRegistry;
let dir: Awaited<ReturnType<typeof tempDir>>;
let keys: Record<string, string>;

beforeAll(async () => {
  dir = await tempDir();
  const file = join(dir.path, 'auth.json');
  keys = await writeKeys(file, { reader: ['reader'], writer: ['writer'], admin: ['admin'] });
  registry = await startRegistry({ auth: { authFile: file } });
});
afterAll(async () => {
  await registry.close();
  await dir.remove();
});

const batch = (who: string, subject: string, body: unknown, dryRun: boolean) =>
  call(registry.url, 'POST', `/subjects/${subject}/versions/batch${dryRun ? '?dryRun=true' : ''}`, body, basic(keys[who]!));

describe('who may send a batch', () => {
  const versions = [register(orderPlacedV1, { semver: '1.0.0' })];
  const withConfig = { versions, config: { compatibility: 'FULL' } };

  it('a writer registers versions and dry-runs config, but writing config (like PUT /config/{s}) takes an admin', async () => {
    expect((await batch('writer', 'auth.Plain', { versions }, false)).status).toBe(200);
    expect((await batch('writer', 'auth.Config', withConfig, true)).status).toBe(200);
    const refused = await batch('writer', 'auth.Config', withConfig, false);
    expect(refused.status).toBe(403);
    expect((await call(registry.url, 'GET', '/subjects/auth.Config/versions', undefined, basic(keys.admin!))).status).toBe(404);
    expect((await batch('admin', 'auth.Config', withConfig, false)).status).toBe(200);
    expect((await call(registry.url, 'GET', '/config/auth.Config', undefined, basic(keys.admin!))).body.compatibilityLevel).toBe('FULL');
  });

  it('a reader may not send a batch, not even a dry run', async () => {
    expect((await batch('reader', 'auth.Reader', { versions }, true)).status).toBe(403);
  });
});
