import { flag, parseFlags, registryOption, requireFlag } from './args.js';
import { readBackup, type Backup } from './backup.js';
import { out } from './output.js';
import { openRegistry, type CliRegistry } from './registry.js';
import { writableConfig } from './subject-config.js';
import { UsageError } from './usage-error.js';

export const importHelp = `charter import backup.json --registry URL

Restores an export: switches the registry to IMPORT mode (with force), registers every version with
its id, version, semver, rules and examples preserved, switches the registry back to READWRITE (even
when a registration fails), then restores the global and per-subject config and the consumer groups.`;

const enc = encodeURIComponent;

/** Registers a Backup into a registry, ids and versions preserved. */
export async function importBackup(registry: CliRegistry, backup: Backup): Promise<number> {
  const { http } = registry;
  // Registered in id order across subjects, so a referenced schema exists before its referrers.
  const all = backup.subjects
    .flatMap((s) => s.versions.map((v) => ({ subject: s.subject, v })))
    .sort((a, b) => a.v.id - b.v.id || a.v.version - b.v.version);
  await http.request('PUT', '/mode?force=true', { mode: 'IMPORT' });
  try {
    for (const { subject, v } of all) {
      const { version, id, semver, schema, references, metadata, ruleSet, examples } = v;
      await http.request('POST', `/subjects/${enc(subject)}/versions`, { schemaType: 'JSON', schema, id, version, semver, references, metadata, ruleSet, examples });
    }
  } finally {
    await http.request('PUT', '/mode', { mode: 'READWRITE' });
  }
  // Config last: a stricter level set first would have no effect in IMPORT mode anyway, and this
  // way a half-finished import leaves the target's config untouched.
  await http.request('PUT', '/config', writableConfig(backup.config ?? {}));
  for (const s of backup.subjects) if (s.config) await http.request('PUT', `/config/${enc(s.subject)}`, writableConfig(s.config));
  for (const { group, subjects } of backup.consumers ?? []) await registry.client.setConsumer(group, subjects);
  return all.length;
}

/** `charter import`. */
export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, registryOption, importHelp, 1);
  const registry = openRegistry(requireFlag(values, 'registry', importHelp), flag(values, 'ca'));
  if (positionals[0] === undefined) throw new UsageError(`name the export file to import\n\n${importHelp}`);
  const backup = await readBackup(positionals[0]);
  const count = await importBackup(registry, backup);
  out(`Imported ${count} version(s) of ${backup.subjects.length} subject(s) into ${registry.url}`);
  return 0;
}
