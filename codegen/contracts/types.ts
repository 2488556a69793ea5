import type { JsonSchema } from '../../core/schema/types.js';
import type { ContractReference } from './contract-ref.js';

/** A migration rule in Confluent data-contract form, stored on the version it leads into. */
export interface MigrationRule {
  name: string;
  kind: 'TRANSFORM';
  type: 'JSONATA';
  mode: 'UPGRADE' | 'DOWNGRADE';
  expr: string;
}

/** Example events a contract ships: `valid` must pass its schema, `invalid` must fail it. */
export interface ContractExamples {
  valid: unknown[];
  invalid: unknown[];
}

/** One version of a subject, as read from `<semver>.*` files. */
export interface ContractVersion {
  semver: string;
  schema: JsonSchema;
  /** Path of the schema file relative to the contracts folder, with `/` separators. */
  schemaFile: string;
  /** JSONata rule from the previous version into this one. */
  upgrade?: string;
  /** JSONata rule from this version back to the previous one. */
  downgrade?: string;
  examples?: ContractExamples;
  /** The rules above in the form the registry stores them. */
  ruleSet?: { migrationRules: MigrationRule[] };
  /** Other subjects' versions this schema references (`{"$ref": "<subject>/<semver>"}`), by name. */
  references?: ContractReference[];
}

/** `subject.json`: registry settings and catalogue fields of one subject. */
export interface SubjectSettings {
  compatibility?: string;
  compatibilityGroup?: string;
  description?: string;
  owner?: string;
  requireMigration?: boolean;
}

export interface ContractSubject {
  subject: string;
  settings: SubjectSettings;
  /** Sorted by semver, lowest first. */
  versions: ContractVersion[];
}

/** A contracts folder: subjects sorted by name. */
export interface ContractFolder {
  subjects: ContractSubject[];
}
