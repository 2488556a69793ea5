import { checkCompatibility } from '../../core/compat/index.js';
import type { CompatibilityProbe, VersionedSchema } from '../../core/migrate/index.js';
import type { RegistryContext } from './context.js';
import type { StoredVersion } from './model.js';

/**
 * A hop without a rule is allowed only when the versions are compatible in that direction: the
 * newer version reads the older's events (UPGRADE), or the older reads the newer's (DOWNGRADE).
 */
export const hopWithoutRuleAllowed: CompatibilityProbe = (a, b, direction) =>
  direction === 'UPGRADE' ? checkCompatibility(b, [a], 'BACKWARD').compatible : checkCompatibility(a, [b], 'FORWARD').compatible;

/** A stored version as the migration planner takes it: parsed schema, references and rules. */
export async function versionedSchema(ctx: RegistryContext, version: StoredVersion): Promise<VersionedSchema> {
  const loaded = (await ctx.schemas.load(ctx.db, version.id))!;
  return { version: version.version, semver: version.semver, schema: loaded.input.schema, references: loaded.input.references, ruleSet: version.ruleSet };
}
