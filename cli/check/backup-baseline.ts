import { readBackup } from '../backup.js';
import { baselineVersionOf, emptyBaseline, type Baseline } from './baseline.js';

/** A `charter export` file as the baseline: what a registry held when it was exported. */
export async function backupBaseline(file: string): Promise<Baseline> {
  const backup = await readBackup(file);
  const baseline = emptyBaseline(file);
  const global = backup.config ?? {};
  for (const s of backup.subjects) {
    const config = { ...global, ...(s.config ?? {}) };
    baseline.subjects.set(s.subject, {
      compatibility: (config.compatibilityLevel ?? config.compatibility) as string | undefined,
      requireMigration: config.requireMigration as boolean | undefined,
      compatibilityPolicy: config.compatibilityPolicy as 'STRICT' | 'LENIENT' | undefined,
      compatibilityGroup: config.compatibilityGroup as string | undefined,
      settings: config,
      versions: s.versions.map(baselineVersionOf),
    });
  }
  return baseline;
}
