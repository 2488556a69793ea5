import semver from 'semver';
import type { RegistryClient, SubjectVersion } from '../client/index.js';
import type { ContractFolder, ContractSubject, ContractVersion, MigrationRule } from '../codegen/index.js';
import type { JsonSchema } from '../core/schema/types.js';
import { ruleFor } from '../core/migrate/index.js';
import { SubjectNotFoundError } from '../client/index.js';
import { RegistryError } from '../core/errors/index.js';

/**
 * Reads subjects from a live registry into the contracts-folder model, the inverse of `push`:
 * a version's UPGRADE rule becomes `<semver>.upgrade.jsonata`, its DOWNGRADE rule
 * `<semver>.downgrade.jsonata`, and a subject-level compatibility becomes `subject.json`.
 * Example events are not served back by the registry, so a pulled folder has none.
 */
export async function readRegistryFolder(client: RegistryClient, only?: string[]): Promise<ContractFolder> {
  const subjects = only ?? (await client.getSubjects()).sort();
  const result: ContractSubject[] = [];
  for (const subject of subjects) {
    const numbers = await client.getVersions(subject);
    const versions: ContractVersion[] = [];
    for (const n of numbers) versions.push(toContractVersion(await client.getVersion(subject, n)));
    versions.sort((a, b) => semver.compare(a.semver, b.semver));
    const compatibility = await subjectCompatibility(client, subject);
    result.push({ subject, settings: compatibility ? { compatibility } : {}, versions });
  }
  return { subjects: result };
}

/** The subject's own compatibility level, or undefined when it follows the global one. */
export async function subjectCompatibility(client: RegistryClient, subject: string): Promise<string | undefined> {
  try {
    const config = await client.getConfig(subject);
    return config.compatibilityLevel ?? config.compatibility;
  } catch (error) {
    // Confluent answers 40408 (or 40401 on older servers) when the subject has no config of its own.
    if (error instanceof SubjectNotFoundError || (error instanceof RegistryError && error.code === 'SUBJECT_CONFIG_NOT_FOUND')) return undefined;
    throw error;
  }
}

function toContractVersion(found: SubjectVersion): ContractVersion {
  const schema = JSON.parse(found.schema) as JsonSchema;
  const version: ContractVersion = { semver: found.semver, schema, schemaFile: `${found.subject}/${found.semver}.schema.json` };
  const ruleSet = found.ruleSet as Parameters<typeof ruleFor>[0];
  const upgrade = ruleFor(ruleSet, 'UPGRADE');
  const downgrade = ruleFor(ruleSet, 'DOWNGRADE');
  if (upgrade) version.upgrade = upgrade.expr;
  if (downgrade) version.downgrade = downgrade.params?.downgrade ?? downgrade.expr;
  const rules = [upgrade && { ...upgrade, mode: 'UPGRADE' }, downgrade && { ...downgrade, mode: 'DOWNGRADE' }].filter(Boolean);
  if (rules.length > 0) version.ruleSet = { migrationRules: rules as MigrationRule[] };
  return version;
}
