import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contractFileName, subjectSettingsFile } from './contract-file.js';
import type { ContractFolder } from './types.js';

/**
 * Writes subjects in the contracts-folder layout `loadContracts` reads (used by `charter pull`).
 * `subject.json` is always written, so a pulled folder carries the settings `check` reads.
 * Existing files of the same names are overwritten; other files are left alone. JSON is written
 * with two-space indent and a final newline so the files diff well in git.
 *
 * @example
 * await writeContracts('schemas', await loadContracts('other-schemas'));
 */
export async function writeContracts(dir: string, folder: ContractFolder): Promise<void> {
  for (const { subject, settings, versions } of folder.subjects) {
    const at = join(dir, subject);
    await mkdir(at, { recursive: true });
    await writeFile(join(at, subjectSettingsFile), json(settings));
    for (const v of versions) {
      await writeFile(join(at, contractFileName(v.semver, 'schema')), json(v.schema));
      if (v.upgrade !== undefined) await writeFile(join(at, contractFileName(v.semver, 'upgrade')), `${v.upgrade}\n`);
      if (v.downgrade !== undefined) await writeFile(join(at, contractFileName(v.semver, 'downgrade')), `${v.downgrade}\n`);
      if (v.examples) await writeFile(join(at, contractFileName(v.semver, 'examples')), json(v.examples));
    }
  }
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
