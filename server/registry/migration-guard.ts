import { ruleFor, verifyRule, type RuleSet } from '../../core/migrate/index.js';
import type { SchemaInput } from '../../core/compat/index.js';
import { compileSchema } from '../../core/schema/compile.js';
import { runValidator } from '../../core/schema/run-validator.js';
import { sampleInstances } from '../../core/schema/instances.js';
import type { JsonSchema } from '../../core/schema/types.js';

/** The version a new one follows, with what is needed to verify rules between them. */
export interface Predecessor {
  semver: string;
  input: SchemaInput;
  examples: readonly unknown[];
}

const GENERATED_SAMPLES = 25;

/**
 * Registration verifies with a wider time budget than the 50 ms a rule gets per event at run time:
 * the first evaluation pays for compilation, and a refused push because the server was busy would
 * be a false alarm. A rule that loops or explodes still hits the budget, or the depth and size caps.
 */
const VERIFY_BOUNDS = { timeoutMs: 500 };

/**
 * Verifies every migration rule a registration carries: each rule must turn sample events of its
 * source version into valid events of its target version, or the registration is refused with the
 * counterexample (42210). Which hops need a rule at all is the policy's (core/policy).
 * `charter check` calls this too, so the gate verifies on the same samples with the same bounds.
 */
export async function verifyMigrationRules(params: {
  candidate: SchemaInput;
  candidateExamples: readonly unknown[];
  ruleSet?: RuleSet;
  predecessor?: Predecessor;
}): Promise<void> {
  const { ruleSet, predecessor, candidate } = params;
  if (!predecessor) return;
  const upgrade = ruleFor(ruleSet, 'UPGRADE');
  const downgrade = ruleFor(ruleSet, 'DOWNGRADE');
  if (upgrade) {
    await verifyRule(upgrade, 'UPGRADE', {
      source: predecessor.input,
      target: candidate,
      samples: samplesOf(predecessor.input, predecessor.examples),
      bounds: VERIFY_BOUNDS,
    });
  }
  if (downgrade) {
    await verifyRule(downgrade, 'DOWNGRADE', {
      source: candidate,
      target: predecessor.input,
      samples: samplesOf(candidate, params.candidateExamples),
      bounds: VERIFY_BOUNDS,
    });
  }
}

/**
 * Examples sent with the version, the schema's own `examples`, then generated instances — only
 * those valid under the source, so a refusal always blames the rule and never a bad sample.
 */
function samplesOf(input: SchemaInput, examples: readonly unknown[]): unknown[] {
  const fromSchema = typeof input.schema === 'object' && Array.isArray(input.schema.examples) ? input.schema.examples : [];
  const generated = sampleInstances(input.schema as JsonSchema, { references: input.references, count: GENERATED_SAMPLES, seed: 1 });
  const { validate } = compileSchema(input.schema, input.references);
  return [...examples, ...fromSchema, ...generated].filter((sample) => runValidator(validate, sample).valid);
}
