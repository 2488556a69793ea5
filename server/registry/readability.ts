import semver from 'semver';
import { RegistryError } from '../../core/errors/index.js';
import { MigrationError, planChain } from '../../core/migrate/index.js';
import { listConsumers } from '../storage/consumer-rows.js';
import type { RegistryContext } from './context.js';
import { versionsOrNotFound } from './lookup.js';
import { hopWithoutRuleAllowed, versionedSchema } from './migration-probe.js';

/** How a consumer group gets at events written in one version. */
export type Access = 'direct' | 'migration' | 'none';

export interface GroupReadability {
  group: string;
  range: string;
  /** The version the group reads: the highest one its range accepts (as the SDK picks it). */
  target?: string;
  versions: Array<{ semver: string; access: Access; reason?: string }>;
}

/**
 * `GET /subjects/{s}/readability`: for every consumer group that declared a range of the subject,
 * and every live version, whether the group reads that version's events as they are (the version
 * is in its range), through the migration chain to its target version (as the SDK would), or not
 * at all — with the reason the chain cannot be planned.
 */
export async function subjectReadability(ctx: RegistryContext, subject: string): Promise<{ versions: string[]; groups: GroupReadability[] }> {
  const live = await versionsOrNotFound(ctx.db, subject);
  const versions = await Promise.all(live.map((version) => versionedSchema(ctx, version)));
  const declarations = (await listConsumers(ctx.db)).filter(({ subjects }) => Object.hasOwn(subjects, subject));
  const groups = declarations.map(({ group, subjects }): GroupReadability => {
    const range = subjects[subject]!;
    const target = semver.maxSatisfying(
      live.map((v) => v.semver),
      range,
    );
    const targetVersion = live.find((v) => v.semver === target);
    return {
      group,
      range,
      ...(target ? { target } : {}),
      versions: live.map((writer) => {
        if (semver.satisfies(writer.semver, range)) return { semver: writer.semver, access: 'direct' };
        if (!targetVersion) return { semver: writer.semver, access: 'none', reason: `no registered version satisfies ${range}` };
        try {
          planChain(versions, writer.version, targetVersion.version, hopWithoutRuleAllowed, { subject });
          return { semver: writer.semver, access: 'migration' };
        } catch (error) {
          if (!(error instanceof MigrationError) && !(error instanceof RegistryError && error.status < 500)) throw error;
          return { semver: writer.semver, access: 'none', reason: error.message };
        }
      }),
    };
  });
  return { versions: live.map((v) => v.semver), groups };
}
