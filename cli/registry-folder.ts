import semver from 'semver';
import type { RegistryClient, SubjectVersion } from '../client/index.js';
import { contractReferences, parseContractRef, type ContractFolder, type ContractSubject, type ContractVersion, type MigrationRule, type SubjectSettings } from '../codegen/index.js';
import type { JsonSchema } from '../core/schema/types.js';
import { ruleFor } from '../core/migrate/index.js';
import { UsageError } from './usage-error.js';

/**
 * Reads subjects from a live registry into the contracts-folder model, the inverse of `push`:
 * a version's UPGRADE rule becomes `<semver>.upgrade.jsonata`, its DOWNGRADE rule
 * `<semver>.downgrade.jsonata`, the examples it was registered with `<semver>.examples.json`, and
 * `subject.json` holds every setting `check` needs — the level in effect (the subject's own or the
 * global one: a folder must not silently change meaning when the global level changes), the
 * compatibility group, requireMigration, and the owner and description of the latest version.
 *
 * References come along: the subjects a pulled version references are pulled too (so `--subjects`
 * of one event also writes the shared types it uses), and the schema text keeps its
 * `{"$ref": "<subject>/<semver>"}` form. A reference the folder cannot express that way (another
 * tool's name for it) is refused, naming the version.
 */
export async function readRegistryFolder(client: RegistryClient, only?: string[]): Promise<ContractFolder> {
  const subjects = only ?? (await client.getSubjects()).sort();
  const result: ContractSubject[] = [];
  for (let i = 0; i < subjects.length; i++) {
    const subject = subjects[i]!;
    const numbers = await client.getVersions(subject);
    const found: SubjectVersion[] = [];
    for (const n of numbers) found.push(await client.getVersion(subject, n));
    for (const v of found) {
      for (const ref of v.references ?? []) {
        await assertFolderForm(client, v, ref);
        if (!subjects.includes(ref.subject)) subjects.push(ref.subject);
      }
    }
    const versions: ContractVersion[] = [];
    for (const v of found) versions.push({ ...toContractVersion(v), ...(await examplesOf(client, v)) });
    versions.sort((a, b) => semver.compare(a.semver, b.semver));
    const latest = found.reduce<SubjectVersion | undefined>((a, b) => (a && a.version > b.version ? a : b), undefined);
    result.push({ subject, settings: { ...(await subjectSettings(client, subject)), ...catalogueFields(latest) }, versions });
  }
  return { subjects: result.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0)) };
}

/** A registry reference the folder can write back: named `<subject>/<semver>` of the very version it pins. */
async function assertFolderForm(client: RegistryClient, v: SubjectVersion, ref: { name: string; subject: string; version: number }): Promise<void> {
  const parsed = parseContractRef(ref.name);
  const target = await client.getVersion(ref.subject, ref.version);
  if (parsed && parsed.subject === ref.subject && parsed.semver === target.semver) return;
  throw new UsageError(
    `${v.subject} version ${v.version} (${v.semver}) references '${ref.name}' = ${ref.subject} version ${ref.version} (${target.semver}); ` +
      `a contracts folder names a reference "${ref.subject}/${target.semver}", so this version cannot be pulled as files (re-register it with that name)`,
  );
}

/** The registry-enforced settings in effect for a subject, in `subject.json` form. */
async function subjectSettings(client: RegistryClient, subject: string): Promise<SubjectSettings> {
  // A subject's own config holds only the fields set on it; the rest come from the global config.
  const config = { ...(await client.getConfig()), ...(await client.getConfig(subject, true)) };
  const settings: SubjectSettings = {};
  const level = config.compatibilityLevel ?? config.compatibility;
  if (level) settings.compatibility = level;
  if (typeof config.compatibilityGroup === 'string') settings.compatibilityGroup = config.compatibilityGroup;
  if (typeof config.requireMigration === 'boolean') settings.requireMigration = config.requireMigration;
  return settings;
}

/** Owner and description travel as metadata properties on each version (Confluent's data-contract convention). */
function catalogueFields(latest: SubjectVersion | undefined): SubjectSettings {
  const properties = latest?.metadata?.properties ?? {};
  return {
    ...(properties.owner ? { owner: properties.owner } : {}),
    ...(properties.description ? { description: properties.description } : {}),
  };
}

async function examplesOf(client: RegistryClient, v: SubjectVersion): Promise<Pick<ContractVersion, 'examples'>> {
  const valid = await client.getExamples(v.subject, v.version);
  return valid.length > 0 ? { examples: { valid, invalid: [] } } : {};
}

function toContractVersion(found: SubjectVersion): ContractVersion {
  const schema = JSON.parse(found.schema) as JsonSchema;
  const version: ContractVersion = { semver: found.semver, schema, schemaFile: `${found.subject}/${found.semver}.schema.json` };
  const references = contractReferences(schema, found.schema);
  if (references.length > 0) version.references = references;
  const ruleSet = found.ruleSet as Parameters<typeof ruleFor>[0];
  const upgrade = ruleFor(ruleSet, 'UPGRADE');
  const downgrade = ruleFor(ruleSet, 'DOWNGRADE');
  if (upgrade) version.upgrade = upgrade.expr;
  if (downgrade) version.downgrade = downgrade.params?.downgrade ?? downgrade.expr;
  const rules = [upgrade && { ...upgrade, mode: 'UPGRADE' }, downgrade && { ...downgrade, mode: 'DOWNGRADE' }].filter(Boolean);
  if (rules.length > 0) version.ruleSet = { migrationRules: rules as MigrationRule[] };
  return version;
}
