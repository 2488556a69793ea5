export { defaultRuleBounds, type Direction, type MigrationMode, type MigrationRule, type RuleBounds, type RuleSet } from './types.js';
export { MigrationError, type MigrationFailure } from './migration-error.js';
export { compileTransform, type CompiledTransform } from './compile-transform.js';
export { checkOutput } from './output-bounds.js';
export { ruleFor, rulesFor, expressionFor } from './rule-for.js';
export type { VersionedSchema, CompatibilityProbe } from './versioned-schema.js';
export type { MigrationChain, MigrationHop } from './migration-chain.js';
export { planChain } from './plan-chain.js';
export { verifyRule, type VerifyContext } from './verify-rule.js';
