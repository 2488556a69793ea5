import { RegistryError } from '../../../core/errors/index.js';
import { ruleFor, verifyRule, type Direction } from '../../../core/migrate/index.js';
import type { Finding } from '../finding.js';
import { fileOf, finding, type CheckedVersion, type VersionContext } from '../version-context.js';
import type { VersionCheck } from './version-check.js';

/**
 * Runs each migration rule on the valid examples of the version it reads from and checks the
 * output against the version it writes to: the same verification the registry does on push,
 * so a broken upcaster fails the pull request rather than the deployment.
 */
export const rulesVerified: VersionCheck = {
  name: 'migration-rules-verified',
  summary: 'migration rules turn the valid examples of their source version into valid events of their target',
  async run(ctx: VersionContext) {
    const predecessor = ctx.previous.at(-1);
    if (!predecessor) return [];
    const found: Finding[] = [];
    for (const direction of ['UPGRADE', 'DOWNGRADE'] as const) {
      const [source, target] = direction === 'UPGRADE' ? [predecessor, ctx.version] : [ctx.version, predecessor];
      found.push(...(await verifyOne(ctx, direction, source, target, this.name)));
    }
    return found;
  },
};

async function verifyOne(ctx: VersionContext, direction: Direction, source: CheckedVersion, target: CheckedVersion, check: string): Promise<Finding[]> {
  const rule = ruleFor(ctx.version.ruleSet, direction);
  if (!rule) return [];
  const file = fileOf(ctx, direction === 'UPGRADE' ? 'upgrade' : 'downgrade');
  const samples = source.examples?.valid ?? [];
  if (samples.length === 0) {
    return [
      finding(ctx, check, {
        severity: 'warning',
        file,
        message: `the ${direction.toLowerCase()} rule was not verified: ${source.semver} has no valid example events to run it on`,
        hint: `add ${fileOf(ctx, 'examples', source.semver)} with {"valid": [...]} events of ${source.semver}`,
      }),
    ];
  }
  try {
    await verifyRule(rule, direction, { source: { schema: source.schema }, target: { schema: target.schema }, samples });
    return [];
  } catch (error) {
    if (!(error instanceof RegistryError) || error.code !== 'INVALID_RULESET') throw error;
    const { input, output } = error.details as { input?: unknown; output?: unknown };
    const shown = input === undefined ? '' : ` Input: ${JSON.stringify(input)}${output === undefined ? '' : ` → output: ${JSON.stringify(output)}`}`;
    return [
      finding(ctx, check, {
        file,
        message: `the ${direction.toLowerCase()} rule ${source.semver} → ${target.semver} fails: ${error.message}.${shown}`,
        hint: `fix the expression so every valid ${source.semver} example comes out valid under ${target.semver}`,
        details: error.details,
      }),
    ];
  }
}
