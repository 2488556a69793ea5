import { SubjectNotFoundError } from '../../client/index.js';
import { RegistryError } from '../../core/errors/index.js';
import { subjectNameProblem } from '../../core/policy/index.js';
import type { ContractFolder } from '../../codegen/index.js';
import type { CliRegistry } from '../registry.js';
import { baselineVersionOf, emptyBaseline, type Baseline, type BaselineSubject, type BaselineVersion, type Reader, type Referencer } from './baseline.js';

const enc = encodeURIComponent;

/**
 * The live registry as the baseline, for the folder's subjects with their declared readers, plus
 * every subject their versions reference (transitively), so references resolve against what is
 * registered; `referencedBy` asks the registry which registered versions use a subject.
 */
export async function registryBaseline(registry: CliRegistry, folder: ContractFolder): Promise<Baseline> {
  const { http } = registry;
  const baseline = emptyBaseline(registry.url);
  for (const { subject } of folder.subjects) {
    // A name the registry refuses has nothing to fetch; the gate reports the name (and so does the dry run).
    if (subjectNameProblem(subject) !== undefined) continue;
    const config = await http.request<Record<string, unknown>>('GET', `/config/${enc(subject)}?defaultToGlobal=true`);
    baseline.readers.set(subject, await readersOf(registry, subject));
    baseline.subjects.set(subject, {
      compatibility: (config.compatibilityLevel ?? config.compatibility) as string | undefined,
      requireMigration: config.requireMigration as boolean | undefined,
      compatibilityPolicy: config.compatibilityPolicy as 'STRICT' | 'LENIENT' | undefined,
      compatibilityGroup: config.compatibilityGroup as string | undefined,
      settings: config,
      versions: await versionsOf(registry, subject),
    });
  }
  // Referenced subjects the folder does not hold: only their versions, to resolve references with.
  const wanted = [...folder.subjects.flatMap((s) => s.versions.flatMap((v) => v.references ?? [])), ...[...baseline.subjects.values()].flatMap(referencesOf)].map((r) => r.subject);
  while (wanted.length > 0) {
    const subject = wanted.pop()!;
    if (baseline.subjects.has(subject) || subjectNameProblem(subject) !== undefined) continue;
    const found: BaselineSubject = { versions: await versionsOf(registry, subject) };
    baseline.subjects.set(subject, found);
    wanted.push(...referencesOf(found).map((r) => r.subject));
  }
  baseline.referencedBy = async (subject) => referencersOf(registry, subject, baseline.subjects.get(subject) ?? { versions: await versionsOf(registry, subject) });
  return baseline;
}

const referencesOf = (s: BaselineSubject) => s.versions.flatMap((v) => v.references ?? []);

/** A subject's registered versions in registration order, with their numbers and references; none when it is unknown. */
async function versionsOf({ client }: CliRegistry, subject: string): Promise<BaselineVersion[]> {
  let entries: Awaited<ReturnType<typeof client.getSemvers>> = [];
  try {
    entries = await client.getSemvers(subject);
  } catch (error) {
    if (!(error instanceof SubjectNotFoundError)) throw error; // else a new subject: nothing published yet
  }
  const versions: BaselineVersion[] = [];
  for (const entry of entries) {
    versions.push(baselineVersionOf(await client.getVersion(subject, entry.version)));
  }
  return versions;
}

/**
 * Registered versions that reference any version of the subject, directly or through other shared
 * schemas: the SDK's `impactOf` walk (`referencedby`, then the ids' subject-versions) per version.
 */
async function referencersOf({ client }: CliRegistry, name: string, subject: BaselineSubject): Promise<Referencer[]> {
  const found = new Map<string, Referencer>();
  for (const v of subject.versions) {
    if (v.version === undefined) continue;
    for (const at of await client.impactOf(name, v.version)) {
      const semver = (await client.getVersion(at.subject, at.version)).semver;
      found.set(`${at.subject}/${semver}`, { subject: at.subject, semver, uses: `${name}/${v.semver}` });
    }
  }
  return [...found.values()];
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
