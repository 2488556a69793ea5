import type { ContractExamples, ContractFolder } from '../../codegen/index.js';
import type { RuleSet } from '../../core/migrate/index.js';
import type { JsonSchema } from '../../core/schema/types.js';

/** A version as published (in the registry, at a git ref, in an export). */
export interface BaselineVersion {
  semver: string;
  schema: JsonSchema;
  ruleSet?: RuleSet;
  examples?: ContractExamples;
  /** The registry's version number, when the baseline is a registry or an export. */
  version?: number;
  /** What it references: by registry version number (registry, export) or by semver (a folder at a git ref). */
  references?: BaselineReference[];
}

/** A version as the registry serves it and an export holds it: the schema as text. */
export interface RegisteredVersion {
  semver: string;
  version: number;
  schema: string;
  ruleSet?: unknown;
  references?: BaselineReference[];
}

/** A registered version (registry or export) as a baseline holds it. */
export function baselineVersionOf(v: RegisteredVersion): BaselineVersion {
  return {
    semver: v.semver,
    version: v.version,
    schema: JSON.parse(v.schema) as JsonSchema,
    ruleSet: v.ruleSet as RuleSet | undefined,
    ...(v.references?.length ? { references: v.references } : {}),
  };
}

/** One reference of a published version: `name` as `$ref` uses it, the target by number or semver. */
export interface BaselineReference {
  name: string;
  subject: string;
  version?: number;
  semver?: string;
}

/** A registered version that references another (`GET /subjects/{s}/versions/{v}/referencedby`). */
export interface Referencer {
  subject: string;
  semver: string;
  /** The referenced version, `<subject>/<semver>`. */
  uses?: string;
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
  /**
   * Registered versions that reference `subject` (any of its versions), directly or through other
   * shared schemas: only a live registry knows the subjects outside the folder that use a shared type.
   */
  referencedBy?(subject: string): Promise<Referencer[]>;
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
      versions: s.versions.map(({ semver, schema, ruleSet, examples, references }) => ({
        semver,
        schema,
        ruleSet,
        examples,
        ...(references ? { references: references.map((r) => ({ name: r.name, subject: r.subject, semver: r.semver })) } : {}),
      })),
    });
  }
  return baseline;
}
