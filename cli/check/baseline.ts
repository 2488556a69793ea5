import type { ContractExamples, ContractFolder } from '../../codegen/index.js';
import type { RuleSet } from '../../core/migrate/index.js';
import type { JsonSchema } from '../../core/schema/types.js';

/** A version as published (in the registry, at a git ref, in an export). */
export interface BaselineVersion {
  semver: string;
  schema: JsonSchema;
  ruleSet?: RuleSet;
  examples?: ContractExamples;
}

export interface BaselineSubject {
  compatibility?: string;
  compatibilityPolicy?: 'STRICT' | 'LENIENT';
  compatibilityGroup?: string;
  requireMigration?: boolean;
  /** The registry's config in effect for the subject, as `GET /config/{s}?defaultToGlobal=true` answers it. */
  settings?: Record<string, unknown>;
  /** Oldest first, in the order they were registered. */
  versions: BaselineVersion[];
}

/** A consumer group's declared range for a subject (`GET /subjects/{s}/readers`). */
export interface Reader {
  group: string;
  range: string;
}

/**
 * What the folder is compared with. Versions the baseline has are "published": they are not
 * re-checked, only compared, and a published version that changed is a finding of its own.
 */
export interface Baseline {
  /** How the report names it: a URL, `git ref origin/main`, a file. */
  source: string;
  subjects: Map<string, BaselineSubject>;
  /** Declared readers per subject; only a live registry knows them. */
  readers: Map<string, Reader[]>;
}

/** No baseline: every version of the folder is new (what `push` checks before registering). */
export function emptyBaseline(source: string): Baseline {
  return { source, subjects: new Map(), readers: new Map() };
}

/** A contracts folder read as a baseline (a git ref's copy of the folder). */
export function baselineFromFolder(folder: ContractFolder, source: string): Baseline {
  const baseline = emptyBaseline(source);
  for (const s of folder.subjects) {
    baseline.subjects.set(s.subject, {
      compatibility: s.settings.compatibility,
      requireMigration: s.settings.requireMigration,
      compatibilityGroup: s.settings.compatibilityGroup,
      versions: s.versions.map(({ semver, schema, ruleSet, examples }) => ({ semver, schema, ruleSet, examples })),
    });
  }
  return baseline;
}
