import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const testCodegen = fileURLToPath(new URL('..', import.meta.url));

/** The fixture contracts folder of these tests. */
export const fixtureContracts = join(testCodegen, 'fixtures', 'contracts');

const scratchRoot = join(testCodegen, '..', '..', 'scratch');

/**
 * A scratch folder inside the repository's git-ignored `scratch/` (not the OS temp dir): generated
 * validators `require` ajv at run time, and the type-check needs `@types/node`, both resolved from
 * the repo's node_modules.
 */
export async function scratchDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  await mkdir(scratchRoot, { recursive: true });
  const dir = await mkdtemp(join(scratchRoot, 'codegen-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
