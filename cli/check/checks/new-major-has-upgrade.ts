import semver from 'semver';
import { ruleFor } from '../../../core/migrate/index.js';
import { fileOf, finding, type VersionContext } from '../version-context.js';
import type { VersionCheck } from './version-check.js';

/** A new major may break, but only with a way forward for the events already written. */
export const newMajorHasUpgrade: VersionCheck = {
  name: 'new-major-has-upgrade-rule',
  summary: 'a new major carries an UPGRADE rule from the previous version',
  run(ctx: VersionContext) {
    const predecessor = ctx.previous.at(-1);
    if (!predecessor || semver.major(ctx.version.semver) <= semver.major(predecessor.semver)) return [];
    if (ctx.level === 'NONE' || !ctx.requireMigration || ruleFor(ctx.version.ruleSet, 'UPGRADE')) return [];
    return [
      finding(ctx, this.name, {
        message: `${ctx.version.semver} starts a new major but has no upgrade rule, so ${predecessor.semver} events already written cannot be read as ${ctx.version.semver}`,
        hint: `add ${fileOf(ctx, 'upgrade')}: a JSONata expression turning a ${predecessor.semver} event into a ${ctx.version.semver} event (or set "requireMigration": false in subject.json)`,
      }),
    ];
  },
};
