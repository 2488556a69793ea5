import { RegistryError } from '../errors/index.js';
import { ruleFor, type RuleSet } from '../migrate/index.js';

/**
 * Which hops need a migration rule, and where rules may not be: the first version of a subject has
 * nothing to migrate from, and a version opening a new compatibility group (a new major) must carry
 * an UPGRADE rule from its predecessor, unless the subject opted out (`requireMigration: false`,
 * or level NONE). Whether the rules it carries actually work is verification, a separate step.
 */
export function assertMigrationRequirement(params: {
  subject: string;
  semver: string;
  ruleSet?: RuleSet;
  /** The version this one follows (the latest registered), if any. */
  predecessor?: string;
  opensGroup: boolean;
  requireMigration: boolean;
}): void {
  const { subject, predecessor } = params;
  const upgrade = ruleFor(params.ruleSet, 'UPGRADE');
  if (predecessor === undefined) {
    const rule = upgrade ?? ruleFor(params.ruleSet, 'DOWNGRADE');
    if (rule) {
      throw new RegistryError(
        'INVALID_RULESET',
        `Migration rule '${rule.name}' is on the first version of '${subject}': there is no previous version to migrate from or to`,
        { policyRule: 'rule-on-first-version' },
      );
    }
    return;
  }
  if (params.opensGroup && params.requireMigration && !upgrade) {
    throw new RegistryError(
      'INCOMPATIBLE_SCHEMA',
      `Version ${params.semver} of '${subject}' starts a new major, so old ${predecessor} events need a way forward: ` +
        `add an UPGRADE migration rule (ruleSet.migrationRules) from ${predecessor}, or set requireMigration: false in the subject's config`,
      { policyRule: 'new-major-has-upgrade-rule', predecessor },
    );
  }
}

/** A subject opted out of migration rules when it said so, or when it enforces no compatibility at all. */
export function migrationRequired(config: { requireMigration: boolean; compatibilityLevel: string }): boolean {
  return config.requireMigration && config.compatibilityLevel !== 'NONE';
}
