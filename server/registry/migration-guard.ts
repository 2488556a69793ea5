import { RegistryError } from '../../core/errors/index.js';
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
 * Enforces Charter's migration policy on a registration and verifies every migration rule it
 * carries: a new major must bring an UPGRADE rule from its predecessor (unless the subject opted
 * out), and each rule must turn sample events of its source version into valid events of its
 * target version — or the registration is refused with the counterexample (42210).
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
}): Promise<void> {
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
    return;
  }
  if (params.opensGroup && params.requireMigration && !upgrade) {
    throw new RegistryError(
      'INCOMPATIBLE_SCHEMA',
      `Version ${params.semver} of '${params.subject}' starts a new major, so old ${predecessor.semver} events need a way forward: ` +
        `add an UPGRADE migration rule (ruleSet.migrationRules) from ${predecessor.semver}, or set requireMigration: false in the subject's config`,
    );
  }
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
