import type { Direction, MigrationRule, RuleSet } from './types.js';

/**
 * The enabled migration rules of a rule set that run in `direction`, in the order they run:
 * upgrades in list order, downgrades in reverse (Confluent's order). UPDOWN rules run both ways.
 */
export function rulesFor(ruleSet: RuleSet | undefined, direction: Direction): MigrationRule[] {
  const rules = (ruleSet?.migrationRules ?? []).filter((r) => !r.disabled && (r.mode === direction || r.mode === 'UPDOWN'));
  return direction === 'DOWNGRADE' ? rules.reverse() : rules;
}

/**
 * The first rule that migrates in `direction` (UPDOWN counts for both), or undefined.
 *
 * @example
 * ruleFor({ migrationRules: [{ name: 'up', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPDOWN', expr: '$' }] }, 'DOWNGRADE')?.name; // 'up'
 */
export function ruleFor(ruleSet: RuleSet | undefined, direction: Direction): MigrationRule | undefined {
  return rulesFor(ruleSet, direction)[0];
}

/**
 * The expression a rule runs in `direction`. An UPDOWN rule runs `expr` both ways, as Confluent's
 * serdes do; Charter additionally reads `params.downgrade` as a separate downgrade expression.
 */
export function expressionFor(rule: MigrationRule, direction: Direction): string {
  if (rule.mode === 'UPDOWN' && direction === 'DOWNGRADE' && typeof rule.params?.downgrade === 'string') return rule.params.downgrade;
  return rule.expr;
}
