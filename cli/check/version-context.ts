import { join } from 'node:path';
import type { ContractExamples } from '../../codegen/index.js';
import type { RuleSet } from '../../core/migrate/index.js';
import type { PolicyConfig } from '../../core/policy/index.js';
import type { JsonSchema, ReferencedSchemas } from '../../core/schema/types.js';
import type { Reader } from './baseline.js';
import type { Finding } from './finding.js';

/** A version as the checks see it, whether it comes from the folder or only from the baseline. */
export interface CheckedVersion {
  semver: string;
  schema: JsonSchema;
  ruleSet?: RuleSet;
  examples?: ContractExamples;
  /** The schemas it references (`<subject>/<semver>` names), transitively: compiled and compared with it. */
  references?: ReferencedSchemas;
}

/** The registry settings the checks judge with: the subject's, as push would leave them. */
export type CheckConfig = PolicyConfig & { compatibilityGroup?: string; normalize?: boolean };

/** Everything a check needs to judge one new or changed version. */
export interface VersionContext {
  dir: string;
  subject: string;
  /** The subject's compatibility level, upper case (BACKWARD when nothing says otherwise). */
  level: string;
  config: CheckConfig;
  version: CheckedVersion;
  /** Every older version (folder and baseline merged), oldest first by semver. */
  previous: CheckedVersion[];
  /**
   * The versions the registry would hold when this one is registered, in registration order: the
   * baseline's, then the folder's new ones before this one in semver order (the order push uses).
   */
  live: CheckedVersion[];
  readers: Reader[];
  /** The text of the version's schema file, to find the line a problem is on. */
  schemaText: string;
}

/** Where a finding points: enough of a context to name the files (a registry refusal has no more). */
export type FindingSite = Pick<VersionContext, 'dir' | 'subject' | 'schemaText'> & { version: { semver: string } };

/** The path of one of a version's files, as the user would open it. */
export function fileOf(ctx: FindingSite, kind: 'schema' | 'upgrade' | 'downgrade' | 'examples', semver = ctx.version.semver): string {
  const suffix = { schema: '.schema.json', upgrade: '.upgrade.jsonata', downgrade: '.downgrade.jsonata', examples: '.examples.json' }[kind];
  return join(ctx.dir, ctx.subject, `${semver}${suffix}`);
}

/** A finding about the version under check; `file` defaults to its schema file. */
export function finding(ctx: FindingSite, check: string, fields: Partial<Finding> & { message: string }): Finding {
  return { check, severity: 'error', subject: ctx.subject, semver: ctx.version.semver, file: fileOf(ctx, 'schema'), ...fields };
}
