import { RegistryError } from '../../core/errors/index.js';
import { ruleFor, type RuleSet, type RuleVerification, type RuleVerificationRequest } from '../../core/migrate/index.js';
import type { SchemaInput } from '../../core/compat/index.js';

/** The version a new one follows, with what is needed to verify rules between them. */
export interface Predecessor {
  semver: string;
  input: SchemaInput;
  examples: readonly unknown[];
}

/**
 * Enforces Charter's migration policy on a registration and verifies every migration rule it
 * carries: a new major must bring an UPGRADE rule from its predecessor (unless the subject opted
 * out), and the rules must turn sample events of their source version (examples and generated
 * instances) into valid events of their target version, each within the run-time bounds — or the
 * registration is refused with the counterexample (42210). Resolves with what was verified.
 */
export async function guardMigrations(params: {
  subject: string;
  semver: string;
  candidate: SchemaInput;
  candidateExamples: readonly unknown[];
  ruleSet?: RuleSet;
  predecessor?: Predecessor;
  opensGroup: boolean;
  requireMigration: boolean;
  /** core/migrate `verifyRules`, run where the caller wants it (the compile pool's workers). */
  verify: (request: RuleVerificationRequest) => Promise<RuleVerification[]>;
}): Promise<RuleVerification[]> {
  const { ruleSet, predecessor, candidate } = params;
  const upgrade = ruleFor(ruleSet, 'UPGRADE');
  const downgrade = ruleFor(ruleSet, 'DOWNGRADE');
  if (!predecessor) {
    const rule = upgrade ?? downgrade;
    if (rule) {
      throw new RegistryError(
        'INVALID_RULESET',
        `Migration rule '${rule.name}' is on the first version of '${params.subject}': there is no previous version to migrate from or to`,
      );
    }
    return [];
  }
  if (params.opensGroup && params.requireMigration && !upgrade) {
    throw new RegistryError(
      'INCOMPATIBLE_SCHEMA',
      `Version ${params.semver} of '${params.subject}' starts a new major, so old ${predecessor.semver} events need a way forward: ` +
        `add an UPGRADE migration rule (ruleSet.migrationRules) from ${predecessor.semver}, or set requireMigration: false in the subject's config`,
    );
  }
  if (!upgrade && !downgrade) return [];
  return params.verify({
    ruleSet,
    older: { ...predecessor.input, examples: predecessor.examples },
    newer: { ...candidate, examples: params.candidateExamples },
  });
}
