import { SubjectNotFoundError } from '../../client/index.js';
import { RegistryError } from '../../core/errors/index.js';
import { subjectNameProblem } from '../../core/policy/index.js';
import type { ContractFolder } from '../../codegen/index.js';
import type { RuleSet } from '../../core/migrate/index.js';
import type { JsonSchema } from '../../core/schema/types.js';
import type { CliRegistry } from '../registry.js';
import { emptyBaseline, type Baseline, type BaselineVersion, type Reader } from './baseline.js';

const enc = encodeURIComponent;

/** The live registry as the baseline, for the folder's subjects only, with their declared readers. */
export async function registryBaseline(registry: CliRegistry, folder: ContractFolder): Promise<Baseline> {
  const { client, http } = registry;
  const baseline = emptyBaseline(registry.url);
  for (const { subject } of folder.subjects) {
    // A name the registry refuses has nothing to fetch; the gate reports the name (and so does the dry run).
    if (subjectNameProblem(subject) !== undefined) continue;
    const config = await http.request<Record<string, unknown>>('GET', `/config/${enc(subject)}?defaultToGlobal=true`);
    baseline.readers.set(subject, await readersOf(registry, subject));
    let entries: Awaited<ReturnType<typeof client.getSemvers>> = [];
    try {
      entries = await client.getSemvers(subject);
    } catch (error) {
      if (!(error instanceof SubjectNotFoundError)) throw error; // else a new subject: nothing published yet
    }
    const versions: BaselineVersion[] = [];
    for (const entry of entries) {
      const found = await client.getVersion(subject, entry.version);
      versions.push({ semver: found.semver, schema: JSON.parse(found.schema) as JsonSchema, ruleSet: found.ruleSet as RuleSet | undefined });
    }
    baseline.subjects.set(subject, {
      compatibility: (config.compatibilityLevel ?? config.compatibility) as string | undefined,
      requireMigration: config.requireMigration as boolean | undefined,
      compatibilityPolicy: config.compatibilityPolicy as 'STRICT' | 'LENIENT' | undefined,
      compatibilityGroup: config.compatibilityGroup as string | undefined,
      settings: config,
      versions,
    });
  }
  return baseline;
}

/** Declared readers of a subject; none when the registry does not know the subject yet. */
async function readersOf({ http }: CliRegistry, subject: string): Promise<Reader[]> {
  try {
    return await http.request<Reader[]>('GET', `/subjects/${enc(subject)}/readers`);
  } catch (error) {
    if (error instanceof RegistryError && error.status === 404) return [];
    throw error;
  }
}
