import { access, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startRegistry } from '../support/registry.js';
import { orderFiles } from './support/order-contracts.js';
import { runCli, tempDir, writeFiles } from './support/run-cli.js';

describe('charter init and codegen', () => {
  it('init writes an example folder that passes check and refuses to overwrite it', async () => {
    const dir = join(await tempDir(), 'schemas');
    const run = await runCli(['init', dir]);
    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'example.UserSignedUp', '1.0.0.schema.json'), 'utf8')).required).toEqual(['userId', 'email']);
    expect((await runCli(['check', dir])).code).toBe(0);
    const again = await runCli(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; not overwriting it');
  });

  it('generates typed events and --check exits 1 listing the files that went stale', async () => {
    const root = await tempDir();
    const schemas = join(root, 'schemas');
    const out = join(root, 'generated');
    await writeFiles(schemas, orderFiles());
    const generated = await runCli(['codegen', '--schemas', schemas, '--out', out, '--import-path', 'charter/client']);
    expect(generated.code).toBe(0);
    expect(await readFile(join(out, 'order.OrderPlaced', 'events.ts'), 'utf8')).toContain('OrderPlacedV2_0_0Event');

    expect((await runCli(['codegen', '--schemas', schemas, '--out', out, '--check', '--import-path', 'charter/client'])).code).toBe(0);
    await writeFile(join(out, 'order.OrderPlaced', 'events.ts'), '// edited by hand\n');
    const stale = await runCli(['codegen', '--schemas', schemas, '--out', out, '--check', '--import-path', 'charter/client']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain(`${out}/order.OrderPlaced/events.ts`);
  });

  it('deletes what it generated for a removed subject; --check names those files and passes after regenerating', async () => {
    const root = await tempDir();
    const schemas = join(root, 'schemas');
    const out = join(root, 'generated');
    await writeFiles(schemas, { ...orderFiles(), ...orderFiles('order.OrderArchived') });
    expect((await runCli(['codegen', '--schemas', schemas, '--out', out])).code).toBe(0);
    expect(JSON.parse(await readFile(join(out, '.charter-codegen.json'), 'utf8')).files).toContain('order.OrderArchived/events.ts');
    await writeFile(join(out, 'own-notes.md'), 'ours\n');

    await rm(join(schemas, 'order.OrderArchived'), { recursive: true });
    const stale = await runCli(['codegen', '--schemas', schemas, '--out', out, '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain(`${out}/order.OrderArchived/events.ts (no longer generated; regenerating deletes it)`);
    expect(stale.stdout).toContain(`${out}/index.ts (changed)`);
    expect(stale.stdout).not.toContain('own-notes.md');

    const again = await runCli(['codegen', '--schemas', schemas, '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${out}/order.OrderArchived/migrations.ts`);
    await expect(access(join(out, 'order.OrderArchived'))).rejects.toThrow();
    expect(await readFile(join(out, 'own-notes.md'), 'utf8')).toBe('ours\n');
    const check = await runCli(['codegen', '--schemas', schemas, '--out', out, '--check']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('is up to date');
  });

  it('generates from a registry an event and the shared types it references, the same files as from the folder', async () => {
    const shared = fileURLToPath(new URL('../codegen/fixtures/shared-types/', import.meta.url));
    const registry = await startRegistry();
    try {
      expect((await runCli(['push', shared, '--registry', registry.url])).code).toBe(0);
      const root = await tempDir();
      const fromRegistry = await runCli(['codegen', '--registry', registry.url, '--subjects', 'order.OrderPlaced', '--out', join(root, 'registry')]);
      expect(fromRegistry.code, fromRegistry.stdout + fromRegistry.stderr).toBe(0);
      expect((await runCli(['codegen', '--schemas', shared, '--out', join(root, 'folder')])).code).toBe(0);
      // The event's subjects pulled its references along: Money, and Currency through Money.
      for (const file of ['order.OrderPlaced/v1_0_0.types.ts', 'common.Money/v1_0_0.types.ts', 'common.Currency/v1_0_0.types.ts', 'order.OrderPlaced/v1_0_0.validate.ts']) {
        expect(await readFile(join(root, 'registry', file), 'utf8'), file).toBe(await readFile(join(root, 'folder', file), 'utf8'));
      }
      expect(await readFile(join(root, 'registry', 'order.OrderPlaced/v1_0_0.types.ts'), 'utf8')).toContain("from '../common.Money/v1_0_0.types.js';");
    } finally {
      await registry.close();
    }
  });
});
