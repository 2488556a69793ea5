import { join } from 'node:path';
import type { ContractExamples } from '../../codegen/index.js';
import type { RuleSet } from '../../core/migrate/index.js';
import type { JsonSchema } from '../../core/schema/types.js';
import type { Reader } from './baseline.js';
import type { Finding } from './finding.js';

/** A version as the checks see it, whether it comes from the folder or only from the baseline. */
export interface CheckedVersion {
  semver: string;
  schema: JsonSchema;
  ruleSet?: RuleSet;
  examples?: ContractExamples;
}

/** Everything a check needs to judge one new or changed version. */
export interface VersionContext {
  dir: string;
  subject: string;
  /** The subject's compatibility level, upper case (BACKWARD when nothing says otherwise). */
  level: string;
  requireMigration: boolean;
  version: CheckedVersion;
  /** Every older version (folder and baseline merged), oldest first. */
  previous: CheckedVersion[];
  readers: Reader[];
  /** The text of the version's schema file, to find the line a problem is on. */
  schemaText: string;
}

/** The path of one of a version's files, as the user would open it. */
export function fileOf(ctx: VersionContext, kind: 'schema' | 'upgrade' | 'downgrade' | 'examples', semver = ctx.version.semver): string {
  const suffix = { schema: '.schema.json', upgrade: '.upgrade.jsonata', downgrade: '.downgrade.jsonata', examples: '.examples.json' }[kind];
  return join(ctx.dir, ctx.subject, `${semver}${suffix}`);
}

/** A finding about the version under check; `file` defaults to its schema file. */
export function finding(ctx: VersionContext, check: string, fields: Partial<Finding> & { message: string }): Finding {
  return { check, severity: 'error', subject: ctx.subject, semver: ctx.version.semver, file: fileOf(ctx, 'schema'), ...fields };
}
