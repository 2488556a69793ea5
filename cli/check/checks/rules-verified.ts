import { RegistryError } from '../../../core/errors/index.js';
import { rulesFor, verifyRules, type Direction } from '../../../core/migrate/index.js';
import type { Finding } from '../finding.js';
import { fileOf, finding, type VersionContext } from '../version-context.js';
import type { VersionCheck } from './version-check.js';

/**
 * Runs the version's migration rules through core/migrate `verifyRules`, the very verification
 * the registry runs on push: labelled valid examples plus instances generated from the source
 * schema, each sample within the run-time bounds, one total budget, zero samples a refusal.
 * A rule only JSONata's evaluator can run is a warning (it runs about 30× slower).
 */
export const rulesVerified: VersionCheck = {
  name: 'migration-rules-verified',
  summary: 'migration rules turn the examples and generated events of their source version into valid events of their target',
  async run(ctx: VersionContext) {
    const predecessor = ctx.live.at(-1);
    if (!predecessor) return [];
    if (rulesFor(ctx.version.ruleSet, 'UPGRADE').length + rulesFor(ctx.version.ruleSet, 'DOWNGRADE').length === 0) return [];
    const older = { schema: predecessor.schema, references: predecessor.references, examples: predecessor.examples?.valid ?? [] };
    const newer = { schema: ctx.version.schema, references: ctx.version.references, examples: ctx.version.examples?.valid ?? [] };
    const ruleFile = (direction: Direction) => fileOf(ctx, direction === 'UPGRADE' ? 'upgrade' : 'downgrade');
    const ends = (direction: Direction) => (direction === 'UPGRADE' ? [predecessor.semver, ctx.version.semver] : [ctx.version.semver, predecessor.semver]);
    try {
      const verified = await verifyRules({ ruleSet: ctx.version.ruleSet, older, newer });
      return verified
        .filter((v) => v.executor === 'interpreted')
        .map(
          (v): Finding =>
            finding(ctx, this.name, {
              severity: 'warning',
              file: ruleFile(v.direction),
              message: `the ${v.direction.toLowerCase()} rule runs on JSONata's evaluator, not compiled JavaScript (about 30× slower per event)`,
              hint: 'avoid predicates, sorting, regexes and the other constructs the compiler does not take (core/migrate/README.md)',
              details: v,
            }),
        );
    } catch (error) {
      if (!(error instanceof RegistryError) || error.code !== 'INVALID_RULESET') throw error;
      const details = error.details as { direction?: Direction; input?: unknown; output?: unknown; samples?: { examples: number; generated: number } };
      const direction = details.direction ?? 'UPGRADE';
      const [source, target] = ends(direction);
      const none = details.samples && details.samples.examples + details.samples.generated === 0;
      const shown = details.input === undefined ? '' : ` Input: ${JSON.stringify(details.input)}${details.output === undefined ? '' : ` → output: ${JSON.stringify(details.output)}`}`;
      return [
        finding(ctx, this.name, {
          file: ruleFile(direction),
          message: `the ${direction.toLowerCase()} rule ${source} → ${target} fails: ${error.message}.${shown}`,
          hint: none
            ? `add ${fileOf(ctx, 'examples', source)} with {"valid": [...]} events of ${source}`
            : `fix the expression so every valid ${source} event comes out valid under ${target}`,
          details: error.details,
        }),
      ];
    }
  },
};
