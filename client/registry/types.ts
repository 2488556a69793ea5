import type { RuleVerification } from '../../core/migrate/verify-rule.js';
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

/** A Confluent domain rule: a CEL condition or CEL_FIELD transform run on encode and decode (core/rules owns the shape). */
export type { DomainRule } from '../../core/rules/types.js';
import type { DomainRule } from '../../core/rules/types.js';

export interface RuleSet {
  migrationRules?: MigrationRule[];
  domainRules?: DomainRule[];
}

/** Confluent's version metadata: tags by field path, string properties, sensitive property names. */
export interface SchemaMetadata {
  tags?: Record<string, string[]>;
  properties?: Record<string, string>;
  sensitive?: string[];
  [extra: string]: unknown;
}

/** `GET /subjects/{s}/versions/{v}`: one registered version of a subject. */
export interface SubjectVersion {
  subject: string;
  id: number;
  /** The schema's content-derived GUID (Confluent's header-based framing names schemas by it). */
  guid?: string;
  version: number;
  semver: string;
  schemaType?: 'JSON';
  schema: string;
  references?: SchemaReference[];
  metadata?: SchemaMetadata;
  ruleSet?: RuleSet;
}

/** `GET /schemas/ids/{id}` and `GET /schemas/guids/{guid}`: everything a schema id identifies. */
export interface SchemaById {
  schema: string;
  schemaType?: 'JSON';
  references?: SchemaReference[];
  metadata?: SchemaMetadata;
  ruleSet?: RuleSet;
  guid?: string;
}

export interface RegisterSchemaInput {
  /** The schema document, as a string or an object (serialised for you). */
  schema: string | object;
  references?: SchemaReference[];
  metadata?: SchemaMetadata;
  ruleSet?: RuleSet;
  semver?: string;
  examples?: unknown[];
}

export interface Registered {
  id: number;
  guid?: string;
  version: number;
  semver: string;
  /** The migration rules the registry verified: which executor runs each, on how many samples it passed. */
  migrationRules?: RuleVerification[];
  metadata?: SchemaMetadata;
  ruleSet?: RuleSet;
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
