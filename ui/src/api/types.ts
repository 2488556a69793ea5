/** The registry's answers the console reads (see /openapi.json for the full shapes). */
export interface CatalogEntry {
  subject: string;
  versions: number;
  deletedVersions: number;
  latest?: { version: number; semver: string; id: number };
  owner?: string;
  compatibility: string;
}

export interface HistoryEntry {
  version: number;
  semver: string;
  id: number;
  guid?: string;
  createdAt: string;
  deleted: boolean;
  author?: string;
  examples: number;
  rules: number;
}

export interface MigrationRule {
  name: string;
  kind: string;
  type: string;
  mode: string;
  expr: string;
}

export interface SchemaVersion {
  subject: string;
  version: number;
  id: number;
  guid?: string;
  semver: string;
  schema: string;
  /** Other subjects' versions the schema references (Confluent form). */
  references?: Array<{ name: string; subject: string; version: number }>;
  deleted?: boolean;
  metadata?: { properties?: Record<string, string> };
  ruleSet?: { migrationRules?: MigrationRule[]; domainRules?: unknown[] };
}

export interface Change {
  kind: string;
  path: string;
  breaksBackward: boolean;
  breaksForward: boolean;
  message: string;
  breaksLevel?: boolean;
}

export interface VersionDiff {
  from: { version: number; semver: string; id: number };
  to: { version: number; semver: string; id: number };
  level: string;
  compatible: boolean;
  backward: boolean;
  forward: boolean;
  changes: Change[];
  counterexamples: Array<{ direction: 'backward' | 'forward'; writer: string; reader: string; event: unknown }>;
  requiredBump: 'patch' | 'minor' | 'major';
}

export interface CompatibilityAnswer {
  is_compatible: boolean;
  messages?: string[];
  changes?: Change[];
  counterexample?: { event: unknown; direction: string; againstVersion?: number };
  semver?: string;
}

export interface ValidationError {
  instancePath: string;
  keyword: string;
  message?: string;
}

export interface MigrationTrace {
  outcome: 'migrated' | 'invalid-input' | 'hop-failed' | 'invalid-output';
  input: { valid: boolean; errors: ValidationError[] };
  hops: Array<{ from: string; to: string; rule?: string; output?: unknown; valid?: boolean; errors?: ValidationError[]; failure?: string }>;
  event?: unknown;
  errors?: ValidationError[];
}

export interface Readability {
  versions: string[];
  groups: Array<{ group: string; range: string; target?: string; versions: Array<{ semver: string; access: 'direct' | 'migration' | 'none'; reason?: string }> }>;
}

export interface ConsumerDeclaration {
  group: string;
  subjects: Record<string, string>;
}

export interface AuditEntry {
  id: number;
  at: string;
  principal: string;
  action: string;
  subject?: string;
  detail: Record<string, unknown>;
}

export interface Config {
  compatibilityLevel?: string;
  compatibility?: string;
  compatibilityPolicy?: string;
  requireMigration?: boolean;
  normalize?: boolean;
}

export type Capability =
  | 'register'
  | 'deleteVersion'
  | 'deleteSubject'
  | 'configureSubject'
  | 'setSubjectMode'
  | 'configureGlobal'
  | 'setGlobalMode'
  | 'readAudit'
  | 'declareConsumers';

export interface WhoAmI {
  principal: string;
  authentication: boolean;
  roles: string[];
  may: Partial<Record<Capability, boolean>>;
}

export const compatibilityLevels = ['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE'] as const;
export const modes = ['READWRITE', 'READONLY', 'READONLY_OVERRIDE', 'IMPORT'] as const;
