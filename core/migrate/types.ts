/** The three directions a migration rule can carry (Confluent's `RuleMode` for migration rules). */
export type MigrationMode = 'UPGRADE' | 'DOWNGRADE' | 'UPDOWN';

/** The direction a hop actually runs in. */
export type Direction = 'UPGRADE' | 'DOWNGRADE';

/**
 * A migration rule in Confluent data-contract form, stored on the version it leads into.
 *
 * @example
 * const rule: MigrationRule = {
 *   name: 'orderPlacedTo2', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE',
 *   expr: '{ "orderId": orderId, "pricing": { "total": totalAmount } }',
 * };
 */
export interface MigrationRule {
  name: string;
  kind: 'TRANSFORM';
  type: 'JSONATA';
  mode: MigrationMode;
  expr: string;
  /** For UPDOWN, `params.downgrade` may hold a separate downgrade expression (Charter extension). */
  params?: Record<string, string>;
  disabled?: boolean;
}

/** The part of a Confluent rule set Charter reads. Domain rules are stored, not run here. */
export interface RuleSet {
  migrationRules?: MigrationRule[];
  domainRules?: unknown[];
}

/**
 * Limits every rule runs under, per event. A rule that breaks one is stopped, never left to hang.
 * `maxDepth` bounds the nesting of the output value; `maxCallDepth` bounds user-function recursion.
 */
export interface RuleBounds {
  timeoutMs: number;
  maxDepth: number;
  maxOutputBytes: number;
  maxCallDepth: number;
}

export const defaultRuleBounds: RuleBounds = Object.freeze({
  timeoutMs: 50,
  maxDepth: 64,
  maxOutputBytes: 1024 * 1024,
  maxCallDepth: 500,
});

/** Fills the bounds a caller left out with the defaults. */
export function resolveBounds(bounds: Partial<RuleBounds> = {}): RuleBounds {
  return { ...defaultRuleBounds, ...bounds };
}
