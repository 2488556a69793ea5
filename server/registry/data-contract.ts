import type { RuleSet } from '../../core/migrate/index.js';
import type { VersionMetadata } from './model.js';
import { meaningfulMetadata, meaningfulRuleSet } from './schema-identity.js';

/** The data-contract parts of config (Confluent's names): applied to every registration. */
export interface ContractDefaults {
  defaultMetadata?: VersionMetadata;
  overrideMetadata?: VersionMetadata;
  defaultRuleSet?: RuleSet;
  overrideRuleSet?: RuleSet;
}

/** The metadata and rule set a new version is registered (or looked up) with. */
export interface Contract {
  metadata?: VersionMetadata;
  ruleSet?: RuleSet;
}

/**
 * Confluent's order: config default ← the request's own (else the previous version's) ← config
 * override. One deliberate difference: a new version does not inherit the previous version's
 * migration rules (`inheritMigrationRules: false`). In Charter a migration rule describes the step
 * into the version that carries it; copied onto the next version it would claim a step that does
 * not exist (and fail its verification). Re-registering the previous version itself does inherit
 * them, so a client that sends only the schema text finds the version it registered.
 */
export function mergeContract(params: { request: Contract; previous?: Contract; config: ContractDefaults; inheritMigrationRules?: boolean }): Contract {
  const { request, previous, config } = params;
  const ownMetadata = request.metadata ?? previous?.metadata;
  const inherited = previous?.ruleSet && (params.inheritMigrationRules ? previous.ruleSet : withoutMigrationRules(previous.ruleSet));
  const ownRuleSet = request.ruleSet ?? inherited;
  return {
    metadata: meaningfulMetadata(mergeMetadata(mergeMetadata(config.defaultMetadata, ownMetadata), config.overrideMetadata)),
    ruleSet: meaningfulRuleSet(mergeRuleSets(mergeRuleSets(config.defaultRuleSet, ownRuleSet), config.overrideRuleSet)),
  };
}

/** Properties and tags of `over` replace those of `base` key by key; sensitive names are united. */
export function mergeMetadata(base: VersionMetadata | undefined, over: VersionMetadata | undefined): VersionMetadata | undefined {
  if (!base) return over;
  if (!over) return base;
  const sensitive = [...new Set([...(base.sensitive ?? []), ...(over.sensitive ?? [])])];
  return {
    ...((base.tags || over.tags) && { tags: { ...base.tags, ...over.tags } }),
    ...((base.properties || over.properties) && { properties: { ...base.properties, ...over.properties } }),
    ...(sensitive.length > 0 && { sensitive }),
  };
}

type NamedRule = { name: string };
const ruleKinds = ['migrationRules', 'domainRules', 'encodingRules'] as const;

/** Per kind of rule: the rules of `base` that `over` does not name again, then those of `over`. */
export function mergeRuleSets(base: RuleSet | undefined, over: RuleSet | undefined): RuleSet | undefined {
  if (!base) return over;
  if (!over) return base;
  const merged: Record<string, unknown[]> = {};
  for (const kind of ruleKinds) {
    const older = ((base as Record<string, unknown>)[kind] as NamedRule[] | undefined) ?? [];
    const newer = ((over as Record<string, unknown>)[kind] as NamedRule[] | undefined) ?? [];
    const renamed = new Set(newer.map((rule) => rule.name));
    const rules = [...older.filter((rule) => !renamed.has(rule.name)), ...newer];
    if (rules.length > 0) merged[kind] = rules;
  }
  return merged as RuleSet;
}

function withoutMigrationRules(ruleSet: RuleSet): RuleSet | undefined {
  const { migrationRules: _dropped, ...rest } = ruleSet;
  return meaningfulRuleSet(rest);
}
