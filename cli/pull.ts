import { writeContracts } from '../codegen/index.js';
import { flag, parseFlags, registryOption, requireFlag } from './args.js';
import { out } from './output.js';
import { openRegistry } from './registry.js';
import { readRegistryFolder } from './registry-folder.js';

export const pullHelp = `charter pull --registry URL --out DIR [--subjects a,b]

Writes the registry's subjects into DIR in the contracts-folder layout: <subject>/<semver>.schema.json,
<semver>.upgrade.jsonata / .downgrade.jsonata for migration rules, <semver>.examples.json with the
examples a version was registered with, and subject.json with the settings in effect (compatibility,
compatibilityGroup, requireMigration) and the owner and description. Existing files of the same
names are overwritten. 'charter push' of a pulled folder registers nothing. The subjects a pulled
version references come along, and schemas keep their {"$ref": "<subject>/<semver>"} form.`;

const options = { ...registryOption, out: { type: 'string' }, subjects: { type: 'string' } } as const;

/** `charter pull`: the registry back into files, so a folder can start from what is live. */
export async function pull(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, options, pullHelp);
  const registry = openRegistry(requireFlag(values, 'registry', pullHelp), flag(values, 'ca'));
  const dir = requireFlag(values, 'out', pullHelp);
  const only = flag(values, 'subjects')?.split(',').map((s) => s.trim()).filter(Boolean);
  const folder = await readRegistryFolder(registry.client, only);
  await writeContracts(dir, folder);
  const count = folder.subjects.reduce((n, s) => n + s.versions.length, 0);
  out(`Pulled ${folder.subjects.length} subject(s), ${count} version(s) from ${registry.url} into ${dir}/`);
  return 0;
}
