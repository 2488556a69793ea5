import { RegistryError } from '../../../core/errors/index.js';
import {
  assertMigrationRequirement,
  decideVersion,
  groupFunction,
  identicalVersion,
  migrationRequired,
  policyRules,
  type PolicyVersion,
} from '../../../core/policy/index.js';
import { schemaFingerprint } from '../../../server/registry/schema-document.js';
import { canonicalJson } from '../../../core/schema/canonical.js';
import type { JsonSchema } from '../../../core/schema/types.js';
import { findingsOfRefusal } from '../policy-findings.js';
import type { VersionContext } from '../version-context.js';
import type { VersionCheck } from './version-check.js';

// The registry stores a schema as the compact JSON it was sent, or canonical with `normalize`: its identity.
const fingerprintOf = (schema: JsonSchema, normalize: boolean) => schemaFingerprint(normalize ? canonicalJson(schema) : JSON.stringify(schema), []);

/**
 * The registry's own policy (core/policy), run on the versions the registry would hold when this
 * one is pushed: identical schema, semver order and bump, compatibility within the major, and the
 * new major's upgrade rule. Whatever it refuses, the registry refuses, with the same rule name.
 */
export const registrationPolicy: VersionCheck = {
  name: 'registration-policy',
  summary: Object.entries(policyRules)
    .filter(([rule]) => rule !== 'subject-name')
    .map(([rule, summary]) => `${rule}: ${summary}`)
    .join('\n'.padEnd(34)),
  gate: true,
  run(ctx: VersionContext) {
    const groupOf = groupFunction(ctx.config);
    const live = ctx.live.map((v, i): PolicyVersion & { fingerprint: string } => ({
      version: i + 1,
      semver: v.semver,
      input: { schema: v.schema, ...(v.references ? { references: v.references } : {}) },
      group: groupOf(v),
      fingerprint: fingerprintOf(v.schema, Boolean(ctx.config.normalize)),
    }));
    const { version } = ctx;
    try {
      if (identicalVersion(live, fingerprintOf(version.schema, Boolean(ctx.config.normalize)), version.semver)) return [];
      const decision = decideVersion({
        candidate: { schema: version.schema, ...(version.references ? { references: version.references } : {}) },
        candidateGroup: (semver) => groupOf({ semver }),
        live,
        declared: version.semver,
        config: ctx.config,
      });
      assertMigrationRequirement({
        subject: ctx.subject,
        semver: decision.semver,
        ruleSet: version.ruleSet,
        predecessor: live.at(-1)?.semver,
        opensGroup: decision.opensGroup,
        requireMigration: migrationRequired(ctx.config),
      });
      return [];
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      return findingsOfRefusal(ctx, error);
    }
  },
};
