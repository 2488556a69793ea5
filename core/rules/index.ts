/**
 * Confluent data-contract domain rules (CEL and CEL_FIELD), executed with `@bufbuild/cel`: the SDK
 * runs them on encode and decode, the registry verifies them against a version's examples.
 */
export { runDomainRules, DomainRuleViolation, type DomainRunInput } from './run-domain-rules.js';
export { celProgram, CelRuleError } from './cel.js';
export { checkDomainRules } from './check-domain-rules.js';
export { domainRuleTypes, ruleActions, type DomainRule, type DomainRuleMode, type MetadataTags, type RuleAction } from './types.js';
