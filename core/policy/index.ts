/**
 * Charter's registration policy, in one place (pure: no I/O). Everything the registry decides when
 * a version is registered and `charter check` predicts: subject names, semver ordering and bumps,
 * identical schemas, compatibility within a group, and which hops need a migration rule. The
 * registry throws these refusals as they are; the CLI turns them into findings by `details.policyRule`.
 */
export { assertValidSubject, subjectNameProblem, printable } from './subject-name.js';
export { bumpBetween, decideVersion, type PolicyConfig, type PolicyVersion, type VersionDecision } from './semver-rules.js';
export { assertNotSameText, identicalVersion, type IdentifiedVersion } from './identical-schema.js';
export { assertMigrationRequirement, migrationRequired } from './migration-requirement.js';
export { groupFunction, type GroupOf } from './groups.js';
export { policyRules, type PolicyRule } from './rules.js';
