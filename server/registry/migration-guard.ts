import { ruleFor, verifyRules, type RuleSet, type RuleVerification, type RuleVerificationRequest } from '../../core/migrate/index.js';
import type { SchemaInput } from '../../core/compat/index.js';

/** The version a new one follows, with what is needed to verify rules between them. */
export interface Predecessor {
  semver: string;
  input: SchemaInput;
  examples: readonly unknown[];
}

/**
 * Verifies every migration rule a registration carries with core/migrate `verifyRules`: each rule
 * must turn sample events of its source version (examples and generated instances) into valid
 * events of its target version, each within the run-time bounds, or the registration is refused
 * with the counterexample (42210). Which hops need a rule at all is the policy's (core/policy).
 * `charter check` calls this too, so the gate verifies on the same samples with the same bounds.
 * Resolves with what was verified (executor and sample counts per direction).
 */
export async function verifyMigrationRules(params: {
  candidate: SchemaInput;
  candidateExamples: readonly unknown[];
  ruleSet?: RuleSet;
  predecessor?: Predecessor;
  /** Where verification runs: the registry passes its compile pool's workers; default in process. */
  verify?: (request: RuleVerificationRequest) => Promise<RuleVerification[]>;
}): Promise<RuleVerification[]> {
  const { ruleSet, predecessor, candidate } = params;
  if (!predecessor) return [];
  if (!ruleFor(ruleSet, 'UPGRADE') && !ruleFor(ruleSet, 'DOWNGRADE')) return [];
  return (params.verify ?? verifyRules)({
    ruleSet,
    older: { ...predecessor.input, examples: predecessor.examples },
    newer: { ...candidate, examples: params.candidateExamples },
  });
}
