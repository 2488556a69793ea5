import { RegistryError } from '../errors/index.js';
import { composeChain, type CompiledHop, type MigrationChain } from './migration-chain.js';
import { expressionFor, rulesFor } from './rule-for.js';
import { cachedTransform } from './transform-cache.js';
import type { Direction, MigrationRule, RuleBounds } from './types.js';
import type { CompatibilityProbe, VersionedSchema } from './versioned-schema.js';

const chainCache = new Map<string, MigrationChain>();
const chainCacheLimit = 1000;

const compatibilityWord: Record<Direction, string> = { UPGRADE: 'backward', DOWNGRADE: 'forward' };

/** The rule-less hop from `a` to `b` is allowed only when the probe says they are compatible. */
function planHop(a: VersionedSchema, b: VersionedSchema, carrier: VersionedSchema, direction: Direction, isCompatible: CompatibilityProbe) {
  const rules = rulesFor(carrier.ruleSet, direction);
  if (rules.length === 0 && !isCompatible(a, b, direction)) {
    throw new RegistryError(
      'NO_MIGRATION_PATH',
      `no ${direction} rule from ${a.semver} to ${b.semver} and the versions are not ${compatibilityWord[direction]} compatible`,
      { from: a.semver, to: b.semver, direction },
    );
  }
  return { from: a.semver, to: b.semver, rules };
}

function compileRule(rule: MigrationRule, direction: Direction, hop: { from: string; to: string }, bounds?: Partial<RuleBounds>) {
  try {
    return cachedTransform(expressionFor(rule, direction), bounds);
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    throw new RegistryError(error.code, `migration rule "${rule.name}" (${hop.from} -> ${hop.to}): ${error.message}`, { ...error.details, rule: rule.name }, { cause: error });
  }
}

/**
 * Plans and compiles the chain of hops between versions `from` and `to` (version numbers) of one
 * subject. Upgrades run the UPGRADE rules stored on each newer version; downgrades run the
 * DOWNGRADE rules of the version being left. Chains are cached by subject, ends and rule texts.
 *
 * @example
 * const chain = planChain(versions, 1, 3, (a, b, dir) => compatible(a, b, dir), { subject: 'order.OrderPlaced' });
 * chain.hops; // [{ from: '1.0.0', to: '1.1.0' }, { from: '1.1.0', to: '2.0.0', rule: 'toV2' }]
 */
export function planChain(
  versions: readonly VersionedSchema[],
  from: number,
  to: number,
  isCompatible: CompatibilityProbe,
  options: { subject?: string; bounds?: Partial<RuleBounds> } = {},
): MigrationChain {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const index = (v: number): number => {
    const i = sorted.findIndex((s) => s.version === v);
    if (i < 0) throw new RegistryError('NO_MIGRATION_PATH', `version ${v} is not among the subject's versions`, { version: v });
    return i;
  };
  const fromIndex = index(from);
  const toIndex = index(to);
  const first = sorted[0];
  const stray = first?.ruleSet?.migrationRules?.find((r) => !r.disabled);
  if (stray && Math.min(fromIndex, toIndex) === 0 && fromIndex !== toIndex) {
    throw new RegistryError(
      'INVALID_RULESET',
      `migration rule "${stray.name}" is on version ${first.semver}, which has no previous version to migrate from or to`,
      { rule: stray.name, version: first.semver },
    );
  }

  const direction: Direction = toIndex >= fromIndex ? 'UPGRADE' : 'DOWNGRADE';
  const planned = [];
  if (direction === 'UPGRADE') for (let i = fromIndex + 1; i <= toIndex; i++) planned.push(planHop(sorted[i - 1], sorted[i], sorted[i], direction, isCompatible));
  else for (let i = fromIndex; i > toIndex; i--) planned.push(planHop(sorted[i], sorted[i - 1], sorted[i], direction, isCompatible));

  const key = JSON.stringify([options.subject ?? '', from, to, options.bounds ?? {}, planned.map((h) => [h.from, h.to, h.rules.map((r) => [r.name, expressionFor(r, direction)])])]);
  const cached = chainCache.get(key);
  if (cached) return cached;

  const hops: CompiledHop[] = planned.map((h) => ({
    hop: h.rules.length ? { from: h.from, to: h.to, rule: h.rules.map((r) => r.name).join(', ') } : { from: h.from, to: h.to },
    steps: h.rules.map((r) => ({ rule: r.name, transform: compileRule(r, direction, h, options.bounds) })),
  }));
  const chain = composeChain(hops);
  if (chainCache.size >= chainCacheLimit) chainCache.delete(chainCache.keys().next().value!);
  chainCache.set(key, chain);
  return chain;
}
