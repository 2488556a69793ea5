import type { RuleSet } from '../../core/migrate/index.js';

/** A Confluent schema reference: `name` is the `$ref` value the referring schema uses. */
export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

/** Confluent's version metadata; Charter reads `properties.semver` from it for Confluent-only clients. */
export interface VersionMetadata {
  tags?: Record<string, string[]>;
  properties?: Record<string, string>;
  sensitive?: string[];
}

/** A schema as identified by its global id: text, references, metadata and rules (Confluent's identity). */
export interface StoredSchema {
  id: number;
  /** Confluent's schema GUID: names the schema in the header-based wire framing. */
  guid: string;
  schemaType: 'JSON';
  schema: string;
  references: SchemaReference[];
  metadata?: VersionMetadata;
  ruleSet?: RuleSet;
}

export interface StoredVersion extends StoredSchema {
  subject: string;
  version: number;
  semver: string;
  metadata?: VersionMetadata;
  ruleSet?: RuleSet;
  /** Example events of this version, sent with its registration; they verify later migration rules. */
  examples: unknown[];
  deleted: boolean;
  createdAt: string;
}

export const compatibilityModes = ['READWRITE', 'READONLY', 'READONLY_OVERRIDE', 'IMPORT'] as const;
export type RegistryMode = (typeof compatibilityModes)[number];
