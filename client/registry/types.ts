import type { ReferencedSchemas } from '../../core/schema/types.js';

/** A reference from one schema to another registered one, as Confluent records it. */
export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

/** A Confluent/JSONata migration rule, stored on the version it leads into. */
export interface MigrationRule {
  name: string;
  kind: 'TRANSFORM';
  type: 'JSONATA' | string;
  mode: 'UPGRADE' | 'DOWNGRADE' | 'UPDOWN';
  expr: string;
  [extra: string]: unknown;
}

export interface RuleSet {
  migrationRules?: MigrationRule[];
  domainRules?: unknown[];
}

/** `GET /subjects/{s}/versions/{v}`: one registered version of a subject. */
export interface SubjectVersion {
  subject: string;
  id: number;
  version: number;
  semver: string;
  schemaType?: 'JSON';
  schema: string;
  references?: SchemaReference[];
  metadata?: { properties?: Record<string, string> };
  ruleSet?: RuleSet;
}

/** `GET /schemas/ids/{id}`. */
export interface SchemaById {
  schema: string;
  schemaType?: 'JSON';
  references?: SchemaReference[];
}

export interface RegisterSchemaInput {
  /** The schema document, as a string or an object (serialised for you). */
  schema: string | object;
  references?: SchemaReference[];
  metadata?: { properties?: Record<string, string> };
  ruleSet?: RuleSet;
  semver?: string;
  examples?: unknown[];
}

export interface Registered {
  id: number;
  version: number;
  semver: string;
}

export interface CompatibilityResult {
  is_compatible: boolean;
  messages?: string[];
  changes?: unknown[];
  counterexample?: unknown;
}

export interface SemverEntry {
  version: number;
  semver: string;
  id: number;
}

export interface UpcastResult<T = unknown> {
  event: T;
  from: { version: number; semver: string };
  to: { version: number; semver: string };
}

export interface ValidationResult {
  valid: boolean;
  errors: unknown[];
}

/** `GET /config[/{subject}]`: Confluent's fields plus Charter's. */
export interface RegistryConfig {
  compatibilityLevel?: string;
  compatibility?: string;
  compatibilityPolicy?: string;
  compatibilityGroup?: string;
  requireMigration?: boolean;
  normalize?: boolean;
  [field: string]: unknown;
}

export interface ConsumerGroup {
  group: string;
  subjects: Record<string, string>;
}

export interface ReaderDeclaration {
  group: string;
  range: string;
}

/** Referenced schemas resolved to documents, keyed by reference name (the `$ref` value). */
export type ResolvedReferences = ReferencedSchemas;
