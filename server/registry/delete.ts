import { RegistryError } from '../../core/errors/index.js';
import { appendAudit } from '../storage/audit-rows.js';
import { referencingSchemaIds } from '../storage/schema-rows.js';
import { deleteConfig, deleteMode } from '../storage/settings-rows.js';
import type { SqlExecutor } from '../storage/sql-driver.js';
import { hardDeleteVersions, listVersions, lockSubject, softDeleteVersions } from '../storage/version-rows.js';
import type { Actor, RegistryContext } from './context.js';
import { resolveVersion } from './lookup.js';
import type { StoredVersion } from './model.js';
import { effectiveMode } from './settings.js';
import { assertValidSubject } from '../../core/policy/index.js';
import type { VersionSelector } from './version-param.js';

/**
 * `DELETE /subjects/{s}` with Confluent's two steps: a soft delete hides every version (their
 * numbers are never reused); `permanent=true` then removes them, and only after a soft delete.
 */
export async function deleteSubject(ctx: RegistryContext, actor: Actor, subject: string, permanent: boolean): Promise<number[]> {
  assertValidSubject(subject);
  await assertDeletable(ctx.db, subject);
  return ctx.db.transaction(async (tx) => {
    await lockSubject(tx, subject);
    const all = await listVersions(tx, subject, true);
    if (all.length === 0) throw new RegistryError('SUBJECT_NOT_FOUND', `Subject '${subject}' not found.`);
    const live = all.filter((version) => !version.deleted);
    if (!permanent) {
      if (live.length === 0) {
        throw new RegistryError('SUBJECT_SOFT_DELETED', `Subject '${subject}' was soft deleted. Set permanent=true to delete permanently`);
      }
      for (const version of live) await assertNotReferenced(tx, version);
      await softDeleteVersions(tx, subject, live.map((v) => v.version));
      await appendAudit(tx, { principal: actor.principal, action: 'subject.delete', subject, detail: { versions: live.map((v) => v.version) } });
      return live.map((v) => v.version);
    }
    if (live.length > 0) {
      throw new RegistryError('SUBJECT_NOT_SOFT_DELETED', `Subject '${subject}' was not deleted first before being permanently deleted`);
    }
    for (const version of all) await assertNotReferenced(tx, version);
    await hardDeleteVersions(tx, subject, all.map((v) => v.version));
    await deleteConfig(tx, subject);
    await deleteMode(tx, subject);
    await appendAudit(tx, { principal: actor.principal, action: 'subject.delete.permanent', subject, detail: { versions: all.map((v) => v.version) } });
    return all.map((v) => v.version);
  });
}

/** `DELETE /subjects/{s}/versions/{v}`, soft or (after a soft delete) permanent. */
export async function deleteVersion(
  ctx: RegistryContext,
  actor: Actor,
  subject: string,
  selector: VersionSelector,
  permanent: boolean,
): Promise<number> {
  assertValidSubject(subject);
  await assertDeletable(ctx.db, subject);
  return ctx.db.transaction(async (tx) => {
    await lockSubject(tx, subject);
    const target = await resolveVersion(tx, subject, selector, selector.kind !== 'latest');
    if (!permanent) {
      if (target.deleted) throw new RegistryError('VERSION_SOFT_DELETED', `Version ${target.version} of subject '${subject}' was soft deleted. Set permanent=true to delete permanently`);
      await assertNotReferenced(tx, target);
      await softDeleteVersions(tx, subject, [target.version]);
    } else {
      if (!target.deleted) throw new RegistryError('VERSION_NOT_SOFT_DELETED', `Version ${target.version} of subject '${subject}' must be soft deleted first`);
      await assertNotReferenced(tx, target);
      await hardDeleteVersions(tx, subject, [target.version]);
    }
    await appendAudit(tx, {
      principal: actor.principal,
      action: permanent ? 'version.delete.permanent' : 'version.delete',
      subject,
      detail: { version: target.version, semver: target.semver },
    });
    return target.version;
  });
}

async function assertDeletable(db: SqlExecutor, subject: string): Promise<void> {
  const mode = await effectiveMode(db, subject);
  if (mode === 'READONLY' || mode === 'READONLY_OVERRIDE') {
    throw new RegistryError('OPERATION_NOT_PERMITTED', `Subject '${subject}' is in read-only mode`);
  }
}

async function assertNotReferenced(tx: SqlExecutor, version: StoredVersion): Promise<void> {
  const referencing = await referencingSchemaIds(tx, version.subject, version.version);
  if (referencing.length > 0) {
    throw new RegistryError(
      'REFERENCE_EXISTS',
      `One or more references exist to the schema {subject=${version.subject}, version=${version.version}} (schema ids ${referencing.join(', ')})`,
    );
  }
}
