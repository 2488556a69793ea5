import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { compareText } from './plan.js';

/**
 * Compares `outDir` with a fresh generation, for `charter codegen --check` in CI. Stale files are
 * those missing on disk, with different contents, or on disk but no longer generated.
 *
 * @example
 * const { stale } = await checkGenerated('src/generated', await generate(folder));
 * if (stale.length > 0) process.exitCode = 1;
 */
export async function checkGenerated(outDir: string, files: ReadonlyMap<string, string>): Promise<{ stale: string[] }> {
  const onDisk = new Set(await listFiles(outDir));
  const stale: string[] = [];
  for (const [path, contents] of files) {
    const current = onDisk.has(path) ? await readFile(join(outDir, path), 'utf8') : undefined;
    if (current !== contents) stale.push(path);
  }
  for (const path of onDisk) if (!files.has(path)) stale.push(path);
  return { stale: stale.sort(compareText) };
}

async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}
