import { RegistryError } from '../../core/errors/index.js';
import type { SqlExecutor } from '../storage/sql-driver.js';
import { findVersion, listVersionHeads, listVersions, type VersionHead } from '../storage/version-rows.js';
import type { StoredVersion } from './model.js';
import { assertValidSubject } from '../../core/policy/index.js';
import type { VersionSelector } from './version-param.js';

/** A subject's versions, oldest first; 40401 when it has none (live ones, unless deleted are asked for). */
export async function versionsOrNotFound(db: SqlExecutor, subject: string, includeDeleted = false): Promise<StoredVersion[]> {
  assertValidSubject(subject);
  const versions = await listVersions(db, subject, includeDeleted);
  if (versions.length === 0) throw new RegistryError('SUBJECT_NOT_FOUND', `Subject '${subject}' not found.`);
  return versions;
}

/** `versionsOrNotFound` for callers that load schemas through the schema cache (no texts read). */
export async function versionHeadsOrNotFound(db: SqlExecutor, subject: string): Promise<VersionHead[]> {
  assertValidSubject(subject);
  const versions = await listVersionHeads(db, subject);
  if (versions.length === 0) throw new RegistryError('SUBJECT_NOT_FOUND', `Subject '${subject}' not found.`);
  return versions;
}

/**
 * Resolves `/subjects/{s}/versions/{v}` for an integer, `latest` or a semver. Soft-deleted
 * versions resolve only with `includeDeleted` (Confluent's `deleted=true`).
 */
export async function resolveVersion(
  db: SqlExecutor,
  subject: string,
  selector: VersionSelector,
  includeDeleted = false,
): Promise<StoredVersion> {
  assertValidSubject(subject);
  if (selector.kind === 'number') {
    const found = await findVersion(db, subject, selector.version);
    if (found && (!found.deleted || includeDeleted)) return found;
    await versionsOrNotFound(db, subject, true);
    throw new RegistryError('VERSION_NOT_FOUND', `Version ${selector.version} not found.`);
  }
  const versions = await versionsOrNotFound(db, subject, includeDeleted);
  const found = selector.kind === 'latest' ? versions.at(-1) : versions.findLast((v) => v.semver === selector.semver);
  if (!found) throw new RegistryError('VERSION_NOT_FOUND', `Version ${selector.kind === 'semver' ? selector.semver : 'latest'} not found.`);
  return found;
}

/** The JSON body Charter answers for one version: Confluent's fields plus `semver`. */
export function versionBody(version: StoredVersion): Record<string, unknown> {
  return {
    subject: version.subject,
    version: version.version,
    id: version.id,
    guid: version.guid,
    semver: version.semver,
    schemaType: 'JSON',
    schema: version.schema,
    ...(version.references.length > 0 ? { references: version.references } : {}),
    ...(version.metadata ? { metadata: version.metadata } : {}),
    ...(version.ruleSet ? { ruleSet: version.ruleSet } : {}),
    ...(version.deleted ? { deleted: true } : {}),
  };
}
