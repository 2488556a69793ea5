import { access, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkGenerated, generate, loadContracts, manifestFile, writeGenerated, type ContractFolder } from '../../codegen/index.js';
import { listFiles } from '../../codegen/manifest.js';
import { fixtureContracts, scratchDir } from './support/generated-dir.js';

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

describe('checkGenerated and writeGenerated with the manifest', () => {
  let folder: ContractFolder;
  let files: Map<string, string>;
  let remove: () => Promise<void> = async () => undefined;
  afterEach(() => remove());

  beforeAll(async () => {
    folder = await loadContracts(fixtureContracts);
    files = await generate(folder);
  });

  async function freshOutput(): Promise<string> {
    const scratch = await scratchDir();
    remove = scratch.remove;
    await writeGenerated(scratch.dir, files);
    return scratch.dir;
  }

  /** The fixture contracts without one subject, or without one version of a subject. */
  function without(subject: string, semver?: string): ContractFolder {
    const subjects = folder.subjects
      .map((s) => (s.subject === subject && semver !== undefined ? { ...s, versions: s.versions.filter((v) => v.semver !== semver) } : s))
      .filter((s) => semver !== undefined || s.subject !== subject);
    return { subjects };
  }

  it('reports nothing when the output is up to date, and lists every generated file in the manifest', async () => {
    const out = await freshOutput();
    expect(await checkGenerated(out, files)).toEqual({ stale: [] });
    const manifest = JSON.parse(await readFile(join(out, manifestFile), 'utf8')) as { files: string[] };
    expect(manifest.files).toEqual([...files.keys()]);
    expect((await listFiles(out)).sort()).toEqual([...files.keys(), manifestFile].sort());
  });

  it('reports changed and missing files, the manifest included, and leaves files codegen never wrote alone', async () => {
    const out = await freshOutput();
    await writeFile(join(out, 'index.ts'), '// edited by hand\n');
    await rm(join(out, 'order.OrderPlaced/events.ts'));
    await rm(join(out, manifestFile));
    await writeFile(join(out, 'README.md'), 'notes of our own\n');
    expect(await checkGenerated(out, files)).toEqual({
      stale: [
        { path: manifestFile, reason: 'missing' },
        { path: 'index.ts', reason: 'changed' },
        { path: 'order.OrderPlaced/events.ts', reason: 'missing' },
      ],
    });
    expect(await writeGenerated(out, files)).toEqual({ removed: [] });
    expect(await checkGenerated(out, files)).toEqual({ stale: [] });
    expect(await readFile(join(out, 'README.md'), 'utf8')).toBe('notes of our own\n');
  });

  it('reports the files of a removed subject, deletes them and their folder on regeneration, then reports nothing', async () => {
    const out = await freshOutput();
    await writeFile(join(out, 'README.md'), 'notes of our own\n');
    const smaller = await generate(without('payment.PaymentAuthorized'));
    const paymentFiles = [...files.keys()].filter((p) => p.startsWith('payment.PaymentAuthorized/'));
    expect(paymentFiles).toHaveLength(3);

    const { stale } = await checkGenerated(out, smaller);
    expect(stale.filter((f) => f.reason === 'removed').map((f) => f.path)).toEqual(paymentFiles);
    expect(stale.filter((f) => f.reason !== 'removed')).toEqual([
      { path: manifestFile, reason: 'changed' },
      { path: 'event-map.ts', reason: 'changed' },
      { path: 'index.ts', reason: 'changed' },
    ]);

    expect(await writeGenerated(out, smaller)).toEqual({ removed: paymentFiles });
    expect(await exists(join(out, 'payment.PaymentAuthorized'))).toBe(false);
    expect(await checkGenerated(out, smaller)).toEqual({ stale: [] });
    expect(await readFile(join(out, 'README.md'), 'utf8')).toBe('notes of our own\n');
  });

  it('removes the files of a removed version (and its migrations) and keeps the subject folder', async () => {
    const out = await freshOutput();
    const smaller = await generate(without('order.OrderPlaced', '2.0.0'));
    // 2.0.0 carried the only migration rules, so migrations.ts goes with it.
    const v2 = ['order.OrderPlaced/migrations.ts', 'order.OrderPlaced/v2_0_0.types.ts', 'order.OrderPlaced/v2_0_0.validate.ts'];
    expect((await checkGenerated(out, smaller)).stale.filter((f) => f.reason === 'removed').map((f) => f.path)).toEqual(v2);
    expect((await writeGenerated(out, smaller)).removed).toEqual(v2);
    expect(await exists(join(out, 'order.OrderPlaced/v1_1_0.types.ts'))).toBe(true);
    expect(await checkGenerated(out, smaller)).toEqual({ stale: [] });
  });

  it('recognises output written before the manifest by its generated header', async () => {
    const out = await freshOutput();
    await rm(join(out, manifestFile));
    await writeFile(join(out, 'payment.PaymentAuthorized/handlers.ts'), 'export const mine = 1;\n');
    const smaller = await generate(without('payment.PaymentAuthorized'));
    const generatedBefore = [...files.keys()].filter((p) => p.startsWith('payment.PaymentAuthorized/'));

    const { stale } = await checkGenerated(out, smaller);
    expect(stale.filter((f) => f.reason === 'removed').map((f) => f.path)).toEqual(generatedBefore);
    expect(stale).toContainEqual({ path: manifestFile, reason: 'missing' });

    expect((await writeGenerated(out, smaller)).removed).toEqual(generatedBefore);
    expect(await listFiles(join(out, 'payment.PaymentAuthorized'))).toEqual(['handlers.ts']);
    expect(await checkGenerated(out, smaller)).toEqual({ stale: [] });
  });

  it('never deletes outside the output folder, whatever the manifest says', async () => {
    const out = await freshOutput();
    const outside = join(out, '..', `${out.split('/').at(-1)}-outside.txt`);
    await writeFile(outside, 'keep me\n');
    try {
      const relativeOutside = `../${outside.split('/').at(-1)}`;
      await writeFile(join(out, manifestFile), JSON.stringify({ files: [...files.keys(), relativeOutside, '/etc/hostname'] }));
      expect((await checkGenerated(out, files)).stale).toEqual([{ path: manifestFile, reason: 'changed' }]);
      expect(await writeGenerated(out, files)).toEqual({ removed: [] });
      expect(await readFile(outside, 'utf8')).toBe('keep me\n');
    } finally {
      await rm(outside, { force: true });
    }
  });

  it('reports every file when the output folder does not exist yet', async () => {
    const out = await freshOutput();
    const { stale } = await checkGenerated(join(out, 'missing'), files);
    expect(stale.map((f) => f.path)).toEqual([manifestFile, ...files.keys()].sort((a, b) => (a < b ? -1 : 1)));
    expect(stale.every((f) => f.reason === 'missing')).toBe(true);
  });
});
