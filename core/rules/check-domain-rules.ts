import { celProgram, CelRuleError } from './cel.js';
import { domainRuleTypes, ruleActions, type DomainRule } from './types.js';

const modes = ['WRITE', 'READ', 'WRITEREAD'];

/**
 * The shape problems of `ruleSet.domainRules`, one message per problem (empty when sound): every
 * rule named, CONDITION or TRANSFORM, a domain mode, known actions, and, for the CEL types Charter
 * runs, an expression that parses. Rules of other types are stored for other clients, not run.
 */
export function checkDomainRules(rules: unknown): string[] {
  if (rules === undefined || rules === null) return [];
  if (!Array.isArray(rules)) return ['"ruleSet.domainRules" must be an array'];
  const problems: string[] = [];
  const names = new Set<string>();
  rules.forEach((raw, index) => {
    const where = `ruleSet.domainRules[${index}]`;
    const rule = raw as Partial<DomainRule> | null;
    if (rule === null || typeof rule !== 'object') return void problems.push(`${where} must be an object`);
    if (typeof rule.name !== 'string' || rule.name.length === 0) problems.push(`${where}.name must be a non-empty string`);
    else if (names.has(rule.name)) problems.push(`${where} repeats the rule name '${rule.name}'`);
    else names.add(rule.name);
    if (rule.kind !== 'CONDITION' && rule.kind !== 'TRANSFORM') problems.push(`${where}.kind must be CONDITION or TRANSFORM`);
    if (!modes.includes(rule.mode as string)) problems.push(`${where}.mode must be WRITE, READ or WRITEREAD`);
    if (typeof rule.type !== 'string' || rule.type.length === 0) problems.push(`${where}.type must name a rule type such as CEL`);
    for (const field of ['onSuccess', 'onFailure'] as const) {
      const spec = rule[field];
      if (spec === undefined) continue;
      if (typeof spec !== 'string' || spec.split(',').some((action) => !(ruleActions as readonly string[]).includes(action.trim()))) {
        problems.push(`${where}.${field} must be NONE, ERROR or DLQ (or two of them, "write,read")`);
      }
    }
    if (rule.tags !== undefined && (!Array.isArray(rule.tags) || rule.tags.some((tag) => typeof tag !== 'string'))) problems.push(`${where}.tags must be an array of tag names`);
    if ((domainRuleTypes as readonly string[]).includes(rule.type as string)) {
      if (typeof rule.expr !== 'string' || rule.expr.trim().length === 0) return void problems.push(`${where}.expr must be a CEL expression`);
      // As the executor reads it: an optional guard before the first ';', then the expression.
      const cut = rule.expr.indexOf(';');
      const parts = cut < 0 ? [rule.expr] : [rule.expr.slice(0, cut), rule.expr.slice(cut + 1)];
      for (const part of parts.filter((text) => text.trim().length > 0)) {
        try {
          celProgram(part);
        } catch (error) {
          if (!(error instanceof CelRuleError)) throw error;
          problems.push(`${where}.expr: ${error.message}`);
        }
      }
    }
  });
  return problems;
}
