import { compileSchema } from '../schema/compile.js';
import { sampleInstances } from '../schema/instances.js';
import { runValidator } from '../schema/run-validator.js';
import type { JsonSchema, ReferencedSchemas } from '../schema/types.js';
import { rulesFor } from './rule-for.js';
import type { Direction, RuleBounds, RuleSet } from './types.js';
import { VERIFY_BUDGET_MS, verifyRule, type RuleVerification, type SampleCounts } from './verify-rule.js';

/** A version's schema with its labelled example events. */
export interface VersionSamples {
  schema: JsonSchema;
  references?: ReferencedSchemas;
  /** Example events sent with (or stored beside) the version. The schema's `examples` are added. */
  examples?: readonly unknown[];
}

/** The two versions a rule set migrates between: `ruleSet` is the newer version's. */
export interface RuleVerificationRequest {
  ruleSet: RuleSet | undefined;
  older: VersionSamples;
  newer: VersionSamples;
  /** Per-event bounds (default 50 ms …): each sample must pass within them. */
  bounds?: Partial<RuleBounds>;
  /** Budget for running every rule on every sample (default 500 ms). */
  budgetMs?: number;
  /** Instances generated from the source schema on top of the examples (default 25). */
  generated?: number;
}

export const GENERATED_SAMPLES = 25;

/**
 * The sample set a rule is verified on: labelled examples (given, then the schema's own
 * `examples`) and instances generated from the schema with a fixed seed — only those valid under
 * the source, so a refusal always blames the rule, never a bad sample.
 */
export function sampleSet(source: VersionSamples, generated = GENERATED_SAMPLES): { samples: unknown[]; counts: SampleCounts } {
  // TODO(validator factory): use core/schema/validator* once it lands.
  const { validate } = compileSchema(source.schema, source.references ?? {});
  const valid = (sample: unknown): boolean => runValidator(validate, sample).valid;
  const fromSchema = typeof source.schema === 'object' && Array.isArray(source.schema.examples) ? source.schema.examples : [];
  const labelled = [...(source.examples ?? []), ...fromSchema].filter(valid);
  const made = generated > 0 ? sampleInstances(source.schema, { references: source.references, count: generated, seed: 1 }).filter(valid) : [];
  return { samples: [...labelled, ...made], counts: { examples: labelled.length, generated: made.length } };
}

/**
 * The one verification of migration rules, run by the registry on registration and by
 * `charter check`/`push` before it: the UPGRADE rules of `ruleSet` on samples of the older
 * version, the DOWNGRADE rules on samples of the newer, each under the run-time bounds and all
 * within one budget. Resolves with, per direction that has rules, the executor and sample counts;
 * rejects with INVALID_RULESET (42210) on the first failure, or when there is nothing to verify on.
 *
 * @example
 * const verified = await verifyRules({ ruleSet, older: { schema: v1, examples: [e1] }, newer: { schema: v2 } });
 * verified[0]; // { rule: 'toV2', direction: 'UPGRADE', executor: 'compiled', samples: { examples: 1, generated: 25 } }
 */
export async function verifyRules(request: RuleVerificationRequest): Promise<RuleVerification[]> {
  const hops = (['UPGRADE', 'DOWNGRADE'] as Direction[])
    .map((direction) => ({ direction, rules: rulesFor(request.ruleSet, direction) }))
    .filter((hop) => hop.rules.length > 0)
    .map((hop) => {
      const [source, target] = hop.direction === 'UPGRADE' ? [request.older, request.newer] : [request.newer, request.older];
      return { ...hop, source, target, ...sampleSet(source, request.generated) };
    });
  // One budget for running the rules, over both directions.
  const budget = { leftMs: request.budgetMs ?? VERIFY_BUDGET_MS };
  const verified: RuleVerification[] = [];
  for (const { direction, rules, source, target, samples, counts } of hops) {
    verified.push(await verifyRule(rules, direction, { source, target, samples, counts, bounds: request.bounds, budget }));
  }
  return verified;
}
