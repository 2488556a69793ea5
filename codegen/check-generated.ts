import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestFile, manifestText, previouslyGenerated } from './manifest.js';
import { compareText } from './plan.js';

/** A file `charter codegen` would change: write (`missing`, `changed`) or delete (`removed`). */
export interface StaleFile {
  path: string;
  reason: 'missing' | 'changed' | 'removed';
}

/**
 * Compares `outDir` with a fresh generation, for `charter codegen --check` in CI: exactly the files
 * a regeneration would write or delete, manifest included, so that regenerating always clears the
 * report. Files codegen never generated are not its business and are not reported.
 *
 * @example
 * const { stale } = await checkGenerated('src/generated', await generate(folder));
 * if (stale.length > 0) process.exitCode = 1;
 */
export async function checkGenerated(outDir: string, files: ReadonlyMap<string, string>): Promise<{ stale: StaleFile[] }> {
  const expected = new Map(files);
  expected.set(manifestFile, manifestText(files));
  const stale: StaleFile[] = [];
  for (const [path, contents] of expected) {
    const current = await readFile(join(outDir, path), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (current === undefined) stale.push({ path, reason: 'missing' });
    else if (current !== contents) stale.push({ path, reason: 'changed' });
  }
  for (const path of await previouslyGenerated(outDir)) if (!expected.has(path)) stale.push({ path, reason: 'removed' });
  return { stale: stale.sort((a, b) => compareText(a.path, b.path)) };
}

/** One line per stale file for a terminal: `  src/generated/x.ts (changed)`. */
export function describeStale(outDir: string, stale: readonly StaleFile[]): string {
  const why = { missing: 'missing', changed: 'changed', removed: 'no longer generated; regenerating deletes it' } as const;
  return stale.map((f) => `  ${join(outDir, f.path)} (${why[f.reason]})`).join('\n');
}
