import type { ErrorObject } from 'ajv';
import { RegistryError } from '../errors/index.js';
import { runValidator } from '../schema/run-validator.js';
import { createValidatorOrThrow } from '../schema/validator/index.js';
import type { JsonSchema, ReferencedSchemas } from '../schema/types.js';
import { compileTransform, type CompiledTransform } from './compile-transform.js';
import { MigrationError } from './migration-error.js';
import { expressionFor } from './rule-for.js';
import { resolveBounds, type Direction, type MigrationRule, type RuleBounds } from './types.js';

/** How many samples a rule was verified on, by origin. */
export interface SampleCounts {
  /** Labelled examples: sent with the version, or the schema's own `examples`. */
  examples: number;
  /** Instances generated from the source schema. */
  generated: number;
}

/** What verification found out about a rule that passed. */
export interface RuleVerification {
  rule: string;
  direction: Direction;
  /** `compiled`: generated JavaScript; `interpreted`: JSONata's evaluator (about 30× slower). */
  executor: 'compiled' | 'interpreted';
  samples: SampleCounts;
}

export interface VerifyContext {
  source: { schema: JsonSchema; references?: ReferencedSchemas };
  target: { schema: JsonSchema; references?: ReferencedSchemas };
  /** Sample events of the source version; all counted as examples unless `counts` says otherwise. */
  samples: readonly unknown[];
  counts?: SampleCounts;
  /** The per-event bounds the rule will run under (default: 50 ms, 64 levels, 1 MiB). */
  bounds?: Partial<RuleBounds>;
  /**
   * Time left for running rules, shared by every sample (and every hop of a registration) and
   * spent only while rules run: compiling schemas and validating outputs do not count.
   */
  budget?: { leftMs: number };
}

/** Verification's total budget over all samples of a registration (the registration bound). */
export const VERIFY_BUDGET_MS = 500;

function targetValidator(target: VerifyContext['target']) {
  try {
    return createValidatorOrThrow(target.schema, target.references).fn;
  } catch (error) {
    throw new RegistryError('INVALID_SCHEMA', `the target schema does not compile: ${(error as Error).message}`, {}, { cause: error });
  }
}

/**
 * Verifies the migration rules of one hop (they run in order, as a chain runs them): every sample
 * event of the source version must come out of them valid under the target version, each sample
 * within the rule's run-time time bound — the bound it will run under on real events — and all
 * samples within one total budget. Zero samples is a refusal, never a pass.
 * Resolves with what was verified; rejects with INVALID_RULESET (42210) carrying a counterexample
 * `{rule, direction, input, output, errors}` (ajv errors) otherwise.
 *
 * @example
 * await verifyRule(rule, 'UPGRADE', { source: { schema: v1 }, target: { schema: v2 }, samples: [{ orderId: 'o1' }] });
 * // { rule: 'toV2', direction: 'UPGRADE', executor: 'compiled', samples: { examples: 1, generated: 0 } }
 */
export async function verifyRule(rules: MigrationRule | readonly MigrationRule[], direction: Direction, ctx: VerifyContext): Promise<RuleVerification> {
  const list = Array.isArray(rules) ? (rules as readonly MigrationRule[]) : [rules as MigrationRule];
  const name = list.map((r) => r.name).join(', ');
  const bounds = resolveBounds(ctx.bounds);
  const budget = ctx.budget ?? { leftMs: VERIFY_BUDGET_MS };
  const counts = ctx.counts ?? { examples: ctx.samples.length, generated: 0 };
  const refuse = (message: string, details: Record<string, unknown>, cause?: unknown): never => {
    throw new RegistryError('INVALID_RULESET', `migration rule "${name}" (${direction}): ${message}`, { rule: name, direction, samples: counts, ...details }, { cause });
  };
  const transforms: CompiledTransform[] = [];
  for (const rule of list) {
    if (rule.kind !== 'TRANSFORM' || rule.type !== 'JSONATA') refuse(`only TRANSFORM rules of type JSONATA can migrate events (got ${rule.kind} ${rule.type})`, {});
    if (rule.mode !== direction && rule.mode !== 'UPDOWN') refuse(`a ${rule.mode} rule does not run in this direction`, {});
    try {
      transforms.push(compileTransform(expressionFor(rule, direction), bounds));
    } catch (error) {
      const e = error as RegistryError;
      refuse(e.message, e.details ?? {}, error);
    }
  }
  if (ctx.samples.length === 0) {
    refuse(
      'no sample events to verify it on (no examples were given and none could be generated from the schema): add examples to verify this rule',
      {},
    );
  }
  const validate = targetValidator(ctx.target);

  /** Runs the rules on one sample within the time left; a rule's own bound is never exceeded. */
  const runAll = async (input: unknown): Promise<unknown> => {
    let value = structuredClone(input);
    for (const t of transforms) {
      if (budget.leftMs <= 0) throw new MigrationError('timeout', `verification ran past its total budget of ${VERIFY_BUDGET_MS} ms for running rules`);
      const started = Date.now();
      try {
        value = await t(value, Math.min(bounds.timeoutMs, budget.leftMs));
      } finally {
        budget.leftMs -= Date.now() - started;
      }
    }
    return value;
  };

  for (const [index, input] of ctx.samples.entries()) {
    let output: unknown;
    try {
      output = await runAll(input).catch(async (error: unknown) => {
        // One retry of a sample that timed out: the first run of a rule may pay for the JIT or a
        // garbage collection. A rule slower than its bound twice would time out on real events.
        if (error instanceof MigrationError && error.failure === 'timeout' && budget.leftMs > 0) return runAll(input);
        throw error;
      });
    } catch (error) {
      if (!(error instanceof MigrationError)) throw error;
      refuse(`sample #${index + 1} fails: ${error.message}`, { input, failure: error.failure, errors: [] as ErrorObject[] }, error);
    }
    if (output === undefined) refuse(`sample #${index + 1} produces no event`, { input, output: null, errors: [] as ErrorObject[] });
    const outcome = runValidator(validate, output);
    if (!outcome.valid) {
      const first = outcome.errors[0];
      refuse(
        `sample #${index + 1} comes out invalid under the target version` + (first ? ` (${first.instancePath || '/'} ${first.message})` : ''),
        { input, output, errors: outcome.errors },
      );
    }
  }
  return { rule: name, direction, executor: transforms.every((t) => t.compiled) ? 'compiled' : 'interpreted', samples: counts };
}
