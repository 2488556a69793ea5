import type { ErrorObject } from 'ajv';
import { RegistryError } from '../errors/index.js';
import { createValidatorOrThrow } from '../schema/validator/index.js';
import type { JsonSchema, ReferencedSchemas } from '../schema/types.js';
import { compileTransform } from './compile-transform.js';
import { MigrationError } from './migration-error.js';
import { expressionFor } from './rule-for.js';
import type { Direction, MigrationRule, RuleBounds } from './types.js';

export interface VerifyContext {
  source: { schema: JsonSchema; references?: ReferencedSchemas };
  target: { schema: JsonSchema; references?: ReferencedSchemas };
  samples: readonly unknown[];
  bounds?: Partial<RuleBounds>;
}

function targetValidator(target: VerifyContext['target']) {
  try {
    return createValidatorOrThrow(target.schema, target.references).fn;
  } catch (error) {
    throw new RegistryError('INVALID_SCHEMA', `the target schema does not compile: ${(error as Error).message}`, {}, { cause: error });
  }
}

/**
 * Verifies a migration rule when it is registered: it must parse, and every sample event of the
 * source version must come out of it — within the bounds — valid under the target version.
 * Resolves when the rule passes; rejects with INVALID_RULESET (42210) carrying a counterexample
 * `{rule, direction, input, output, errors}` (ajv errors) otherwise.
 *
 * @example
 * await verifyRule(rule, 'UPGRADE', { source: { schema: v1 }, target: { schema: v2 }, samples: [{ orderId: 'o1' }] });
 */
export async function verifyRule(rule: MigrationRule, direction: Direction, ctx: VerifyContext): Promise<void> {
  const refuse = (message: string, details: Record<string, unknown>, cause?: unknown): never => {
    throw new RegistryError('INVALID_RULESET', `migration rule "${rule.name}" (${direction}): ${message}`, { rule: rule.name, direction, ...details }, { cause });
  };
  if (rule.kind !== 'TRANSFORM' || rule.type !== 'JSONATA') refuse(`only TRANSFORM rules of type JSONATA can migrate events (got ${rule.kind} ${rule.type})`, {});
  if (rule.mode !== direction && rule.mode !== 'UPDOWN') refuse(`a ${rule.mode} rule does not run in this direction`, {});

  let transform;
  try {
    transform = compileTransform(expressionFor(rule, direction), ctx.bounds);
  } catch (error) {
    const e = error as RegistryError;
    return refuse(e.message, e.details ?? {}, error);
  }
  const validate = targetValidator(ctx.target);

  for (const [index, input] of ctx.samples.entries()) {
    let output: unknown;
    try {
      output = await transform(structuredClone(input));
    } catch (error) {
      if (!(error instanceof MigrationError)) throw error;
      refuse(`sample #${index + 1} fails: ${error.message}`, { input, failure: error.failure, errors: [] as ErrorObject[] }, error);
    }
    if (output === undefined) refuse(`sample #${index + 1} produces no event`, { input, output: null, errors: [] as ErrorObject[] });
    if (!validate(output)) {
      const errors = (validate.errors ?? []) as ErrorObject[];
      const first = errors[0];
      refuse(
        `sample #${index + 1} comes out invalid under the target version` + (first ? ` (${first.instancePath || '/'} ${first.message})` : ''),
        { input, output, errors },
      );
    }
  }
}
