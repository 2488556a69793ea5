import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { manifestFile, manifestText, previouslyGenerated } from './manifest.js';

/**
 * Writes generated files under `outDir`, creating folders as needed, and removes the files an
 * earlier run generated that are no longer generated (with the folders that leaves empty). The
 * manifest (`.charter-codegen.json`) is written last, listing what is there now. Files codegen
 * never generated are left alone.
 *
 * @example
 * const { removed } = await writeGenerated('src/generated', await generate(folder));
 */
export async function writeGenerated(outDir: string, files: ReadonlyMap<string, string>): Promise<{ removed: string[] }> {
  const before = await previouslyGenerated(outDir);
  for (const [path, contents] of files) {
    const target = join(outDir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, contents);
  }
  const removed = before.filter((path) => !files.has(path));
  for (const path of removed) {
    await rm(join(outDir, path), { force: true });
    await removeEmptyFolders(outDir, dirname(path));
  }
  await writeFile(join(outDir, manifestFile), manifestText(files));
  return { removed };
}

/** Removes `folder` (relative to `outDir`) and its parents while they are empty; never `outDir` itself. */
async function removeEmptyFolders(outDir: string, folder: string): Promise<void> {
  for (let at = folder; at !== '.' && at !== ''; at = dirname(at)) {
    const path = join(outDir, at);
    const left = await readdir(path).catch(() => undefined);
    if (left === undefined || left.length > 0) return;
    await rmdir(path);
  }
}
