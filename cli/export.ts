import type { Backup, BackupSubject } from './backup.js';
import { flag, parseFlags, registryOption, requireFlag } from './args.js';
import { out } from './output.js';
import { openRegistry, type CliRegistry } from './registry.js';
import { subjectConfig } from './subject-config.js';

export const exportHelp = `charter export --registry URL > backup.json

Writes every subject and every version (id, version, semver, schema, references, metadata, ruleSet,
examples), the global and per-subject config and the declared consumer groups as one JSON document
on stdout. 'charter import' restores it.`;

/** Reads the whole registry into a Backup. */
export async function exportRegistry(registry: CliRegistry): Promise<Backup> {
  const { client, http } = registry;
  const subjects: BackupSubject[] = [];
  for (const subject of (await client.getSubjects()).sort()) {
    const versions = [];
    for (const n of await client.getVersions(subject)) {
      const { id, version, semver, schema, references, metadata, ruleSet } = await client.getVersion(subject, n);
      const examples = await client.getExamples(subject, version);
      versions.push({
        version,
        id,
        semver,
        schema,
        ...(references?.length ? { references } : {}),
        ...(metadata ? { metadata } : {}),
        ...(ruleSet ? { ruleSet } : {}),
        ...(examples.length > 0 ? { examples } : {}),
      });
    }
    const config = await subjectConfig(http, subject);
    subjects.push({ subject, ...(config ? { config } : {}), versions });
  }
  const config = await http.request<Record<string, unknown>>('GET', '/config');
  const consumers = await client.getConsumers();
  return { format: 'charter-export', formatVersion: 1, exportedAt: new Date().toISOString(), registry: registry.url, config, subjects, consumers };
}

/** `charter export`. */
export async function exportCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, registryOption, exportHelp);
  const backup = await exportRegistry(openRegistry(requireFlag(values, 'registry', exportHelp), flag(values, 'ca')));
  out(JSON.stringify(backup, null, 2));
  return 0;
}
