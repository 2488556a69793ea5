import semver from 'semver';
import { ruleFor } from '../../../core/migrate/index.js';
import { fileOf, finding, type VersionContext } from '../version-context.js';
import type { VersionCheck } from './version-check.js';

/**
 * Declared consumer groups whose range excludes the new version must still be able to read its
 * events: through DOWNGRADE rules, version by version, down to one their range accepts.
 */
export const readersKeepAPath: VersionCheck = {
  name: 'readers-keep-a-migration-path',
  summary: 'every declared consumer group can still read the new version, directly or through downgrade rules',
  run(ctx: VersionContext) {
    if (ctx.readers.length === 0) return [];
    const reachable = [ctx.version.semver];
    // Walk down while each step is a DOWNGRADE rule, or stays in a major whose level guarantees
    // that old readers read new events (FORWARD, FULL).
    const oldReadersRead = /^(FORWARD|FULL)/.test(ctx.level);
    const chain = [...ctx.previous, ctx.version];
    for (let i = chain.length - 1; i > 0; i--) {
      const sameMajor = semver.major(chain[i]!.semver) === semver.major(chain[i - 1]!.semver);
      if (!ruleFor(chain[i]!.ruleSet, 'DOWNGRADE') && !(sameMajor && oldReadersRead)) break;
      reachable.push(chain[i - 1]!.semver);
    }
    const stranded = ctx.readers.filter((r) => !reachable.some((v) => semver.satisfies(v, r.range)));
    return stranded.map((reader) =>
      finding(ctx, this.name, {
        message: `consumer group '${reader.group}' reads ${ctx.subject} ${reader.range}, which excludes ${ctx.version.semver}, and no downgrade rule leads back into its range`,
        hint: `add ${fileOf(ctx, 'downgrade')} (${ctx.version.semver} → ${ctx.previous.at(-1)?.semver ?? 'the previous version'}), or have '${reader.group}' widen its range before producers move to ${ctx.version.semver}`,
      }),
    );
  },
};
