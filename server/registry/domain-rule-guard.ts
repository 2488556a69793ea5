import { DomainRuleViolation, runDomainRules, type DomainRule } from '../../core/rules/index.js';
import { RegistryError } from '../../core/errors/index.js';
import type { RuleSet } from '../../core/migrate/index.js';
import type { JsonSchema } from '../../core/schema/types.js';
import type { VersionMetadata } from './model.js';

/**
 * A version's WRITE domain rules must accept its own valid examples, as its migration rules must
 * carry them: a condition that rejects one is refused (42210) with the rule and the example named,
 * before anything is written.
 */
export function assertDomainRulesAcceptExamples(params: {
  ruleSet?: RuleSet;
  metadata?: VersionMetadata;
  schema: JsonSchema;
  examples: readonly unknown[];
}): void {
  const rules = params.ruleSet?.domainRules as DomainRule[] | undefined;
  if (!rules?.length) return;
  params.examples.forEach((example, index) => {
    const failed = domainRuleFailure({ rules, schema: params.schema, metadata: params.metadata, event: example });
    if (failed) {
      throw new RegistryError('INVALID_RULESET', `Domain rule '${failed.rule}' rejects examples[${index}], a valid example of this version: ${failed.message}`, {
        rule: failed.rule,
        example: index,
      });
    }
  });
}

/** The first WRITE rule an event fails (whatever its action), or undefined when all pass. */
export function domainRuleFailure(params: { rules: readonly DomainRule[]; schema: JsonSchema; metadata: VersionMetadata | undefined; event: unknown }): { rule: string; message: string } | undefined {
  // Actions are the client's business: here every failure counts, so NONE is read as ERROR.
  const strict = params.rules.map((rule) => ({ ...rule, onFailure: 'ERROR' }));
  try {
    runDomainRules({ rules: strict, mode: 'WRITE', message: params.event, schema: params.schema, metadataTags: params.metadata?.tags });
    return undefined;
  } catch (error) {
    if (error instanceof DomainRuleViolation) return { rule: error.rule.name, message: error.message };
    throw error;
  }
}
