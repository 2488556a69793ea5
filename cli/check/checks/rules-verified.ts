import { RegistryError } from '../../../core/errors/index.js';
import type { Direction } from '../../../core/migrate/index.js';
import { verifyMigrationRules } from '../../../server/registry/migration-guard.js';
import { fileOf, finding, type VersionContext } from '../version-context.js';
import type { VersionCheck } from './version-check.js';

/**
 * Runs the version's migration rules exactly as the registry does when it is pushed: on the same
 * samples (the examples sent with the versions, the schema's `examples`, generated instances) with
 * the same bounds, so a rule that only works on the folder's examples fails the pull request.
 */
export const rulesVerified: VersionCheck = {
  name: 'migration-rules-verified',
  summary: 'migration rules turn sample events of their source version (examples and generated) into valid events of their target',
  async run(ctx: VersionContext) {
    const predecessor = ctx.live.at(-1);
    if (!predecessor) return [];
    try {
      // TODO(migrate): call core/migrate's single verification module (verifyRules) once it lands;
      // this is the only call site, so the gate keeps running what the registry runs.
      await verifyMigrationRules({
        candidate: { schema: ctx.version.schema },
        candidateExamples: ctx.version.examples?.valid ?? [],
        ruleSet: ctx.version.ruleSet,
        predecessor: { semver: predecessor.semver, input: { schema: predecessor.schema }, examples: predecessor.examples?.valid ?? [] },
      });
      return [];
    } catch (error) {
      if (!(error instanceof RegistryError) || error.code !== 'INVALID_RULESET') throw error;
      const direction = (error.details.direction === 'DOWNGRADE' ? 'DOWNGRADE' : 'UPGRADE') as Direction;
      const [source, target] = direction === 'UPGRADE' ? [predecessor.semver, ctx.version.semver] : [ctx.version.semver, predecessor.semver];
      const { input, output } = error.details as { input?: unknown; output?: unknown };
      const shown = input === undefined ? '' : ` Input: ${JSON.stringify(input)}${output === undefined ? '' : ` → output: ${JSON.stringify(output)}`}`;
      return [
        finding(ctx, this.name, {
          file: fileOf(ctx, direction === 'UPGRADE' ? 'upgrade' : 'downgrade'),
          message: `the ${direction.toLowerCase()} rule ${source} → ${target} fails: ${error.message}.${shown}`,
          hint: `fix the expression so every valid ${source} event (examples and the registry's generated samples) comes out valid under ${target}`,
          details: error.details,
        }),
      ];
    }
  },
};
