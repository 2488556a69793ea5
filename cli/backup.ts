import { readFile } from 'node:fs/promises';
import type { ConsumerGroup, RuleSet, SchemaReference } from '../client/index.js';
import { parseJson } from '../codegen/contracts/parse-json.js';
import { UsageError } from './usage-error.js';

/** One registered version, with everything needed to register it again under the same id and version. */
export interface BackupVersion {
  version: number;
  id: number;
  semver: string;
  schema: string;
  references?: SchemaReference[];
  metadata?: { properties?: Record<string, string>; [key: string]: unknown };
  ruleSet?: RuleSet;
  /** The example events the version was registered with (the gate and the console read them). */
  examples?: unknown[];
}

export interface BackupSubject {
  subject: string;
  /** The subject's own config (`GET /config/{s}`), absent when it follows the global one. */
  config?: Record<string, unknown>;
  versions: BackupVersion[];
}

/** What `charter export` writes and `charter import` reads. */
export interface Backup {
  format: 'charter-export';
  formatVersion: 1;
  exportedAt: string;
  registry: string;
  config: Record<string, unknown>;
  subjects: BackupSubject[];
  /** Declared consumer groups: `check --registry` and the console judge changes against them. */
  consumers?: ConsumerGroup[];
}

/** Reads and shape-checks an export file; anything else is a usage error naming the file. */
export async function readBackup(file: string): Promise<Backup> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`${file}: cannot read the export file`);
  });
  const backup = parseJson(text, file) as Partial<Backup> | null;
  if (backup === null || typeof backup !== 'object' || backup.format !== 'charter-export' || !Array.isArray(backup.subjects)) {
    throw new UsageError(`${file}: not a charter export (expected {"format": "charter-export", "subjects": [...]})`);
  }
  backup.subjects.forEach((s, i) => {
    if (typeof s?.subject !== 'string' || !Array.isArray(s.versions)) throw new UsageError(`${file}: subjects[${i}] must be {subject, versions: [...]}`);
  });
  if (backup.consumers !== undefined && !Array.isArray(backup.consumers)) throw new UsageError(`${file}: "consumers" must be a list of {group, subjects}`);
  backup.consumers?.forEach((c, i) => {
    if (typeof c?.group !== 'string' || c.subjects === null || typeof c.subjects !== 'object') throw new UsageError(`${file}: consumers[${i}] must be {group, subjects: {...}}`);
  });
  return backup as Backup;
}
