import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes generated files under `outDir`, creating folders as needed. Files that are no longer
 * generated are left in place; `checkGenerated` reports them.
 *
 * @example
 * await writeGenerated('src/generated', await generate(folder));
 */
export async function writeGenerated(outDir: string, files: ReadonlyMap<string, string>): Promise<void> {
  for (const [path, contents] of files) {
    const target = join(outDir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, contents);
  }
}
