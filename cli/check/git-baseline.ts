import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ContractError, loadContracts } from '../../codegen/index.js';
import { UsageError } from '../usage-error.js';
import { baselineFromFolder, emptyBaseline, type Baseline } from './baseline.js';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/**
 * The contracts folder as it was at a git ref, read offline: the folder's files at that ref are
 * copied with `git show` into a temporary folder and loaded like any other. A folder that did not
 * exist at the ref is an empty baseline (every subject is new), which is what a first PR needs.
 */
export async function gitBaseline(dir: string, ref: string): Promise<Baseline> {
  const cwd = resolve(dir);
  const root = (await git(cwd, ['rev-parse', '--show-toplevel']).catch(() => {
    throw new UsageError(`--against ${ref}: ${dir} is not inside a git repository`);
  })).trim();
  await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => {
    throw new UsageError(`--against ${ref}: git ref '${ref}' does not exist (on CI, fetch it first: git fetch origin main)`);
  });
  const prefix = (await git(cwd, ['rev-parse', '--show-prefix'])).trim();
  const listed = await git(root, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', ref, '--', prefix || '.']);
  const files = listed.split('\0').filter(Boolean);
  const source = `git ref ${ref}`;
  if (files.length === 0) return emptyBaseline(source);

  const tmp = await mkdtemp(join(tmpdir(), 'charter-against-'));
  try {
    for (const file of files) {
      const target = join(tmp, file.slice(prefix.length));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await git(root, ['show', `${ref}:${file}`]));
    }
    return baselineFromFolder(await loadContracts(tmp), source);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    // Name the file as it is in the repository, not in our temporary copy.
    const where = error.message.startsWith(tmp) ? `${ref}:${prefix}${error.message.slice(tmp.length + 1)}` : error.message;
    if (/no subject folders/.test(where)) return emptyBaseline(source);
    throw new UsageError(`the contracts folder at ${ref} cannot be read: ${where}`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
