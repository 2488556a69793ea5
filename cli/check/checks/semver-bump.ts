import semver from 'semver';
import { finding, type VersionContext } from '../version-context.js';
import { checkAgainst, requiredBump } from './compat-engine.js';
import type { VersionCheck } from './version-check.js';

const rank = { patch: 0, minor: 1, major: 2 } as const;
type Bump = keyof typeof rank;

/** The bump a version declares relative to its predecessor (pre-releases count as their base bump). */
function declaredBump(from: string, to: string): Bump {
  const diff = semver.diff(from, to) ?? 'patch';
  return diff.replace(/^pre/, '').replace(/^release$/, 'patch') as Bump;
}

/**
 * The declared semver says at least as much as the change: annotations may be a patch, a
 * compatible change needs a minor, a breaking one a major. (A breaking change inside a major is
 * compatible-within-major's finding; this one catches e.g. a new optional field shipped as a patch.)
 */
export const semverBump: VersionCheck = {
  name: 'semver-bump',
  summary: 'the declared semver bump is at least the one the change requires',
  run(ctx: VersionContext) {
    const predecessor = ctx.previous.at(-1);
    if (!predecessor || semver.major(predecessor.semver) !== semver.major(ctx.version.semver)) return [];
    const level = ctx.level === 'NONE' ? 'BACKWARD' : ctx.level;
    if (!checkAgainst(ctx.version.schema, [predecessor.schema], level).compatible) return [];
    const required = requiredBump(predecessor.schema, ctx.version.schema, level);
    const declared = declaredBump(predecessor.semver, ctx.version.semver);
    if (rank[declared] >= rank[required]) return [];
    const suggestion = semver.inc(predecessor.semver, required)!;
    return [
      finding(ctx, this.name, {
        message: `${predecessor.semver} → ${ctx.version.semver} declares a ${declared}, but the change is a ${required} (${required === 'minor' ? 'it changes which events are valid' : 'it breaks readers'})`,
        hint: `rename the version's files to ${suggestion} (e.g. ${ctx.subject}/${suggestion}.schema.json)`,
      }),
    ];
  },
};
