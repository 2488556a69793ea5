import { readdir } from 'node:fs/promises';
import { ContractError } from './contract-error.js';
import { readSubject } from './read-subject.js';
import type { ContractFolder } from './types.js';

/**
 * Reads a contracts folder: one sub-folder per subject holding `<semver>.schema.json` files and,
 * optionally, migration rules, examples and `subject.json`. Files at the top level (a README, say)
 * are ignored; folders starting with `.` or `_` too. Subjects come back sorted by name, versions by
 * semver.
 *
 * @example
 * const folder = await loadContracts('schemas');
 * folder.subjects[0].versions.map((v) => v.semver); // ['1.0.0', '1.1.0', '2.0.0']
 */
export async function loadContracts(dir: string): Promise<ContractFolder> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    throw new ContractError(dir, 'cannot read the contracts folder', { cause });
  }
  const names = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_'))
    .map((e) => e.name)
    .sort();
  if (names.length === 0) throw new ContractError(dir, 'no subject folders with schemas found');
  const subjects = [];
  for (const name of names) subjects.push(await readSubject(dir, name));
  return { subjects };
}
