import type { JsonSchema, ReferencedSchemas } from '../schema/types.js';
import type { Direction, RuleSet } from './types.js';

/** One registered version of a subject, as the chain planner needs it. */
export interface VersionedSchema {
  version: number;
  semver: string;
  schema: JsonSchema;
  references?: ReferencedSchemas;
  ruleSet?: RuleSet;
}

/**
 * Answers whether events can cross from `from` to `to` unchanged: for UPGRADE, whether `to` reads
 * every `from` event (backward); for DOWNGRADE, whether `to` reads every `from` event written by
 * the newer version (forward). Supplied by the caller, who owns the compatibility engine.
 */
export type CompatibilityProbe = (from: VersionedSchema, to: VersionedSchema, direction: Direction) => boolean;
