import { compatibleWithinMajor } from './checks/compatible-within-major.js';
import { examplesAsLabelled } from './checks/examples-as-labelled.js';
import { newMajorHasUpgrade } from './checks/new-major-has-upgrade.js';
import { readersKeepAPath } from './checks/readers-keep-a-path.js';
import { rulesVerified } from './checks/rules-verified.js';
import { schemaCompiles } from './checks/schema-compiles.js';
import { semverBump } from './checks/semver-bump.js';
import type { VersionCheck } from './checks/version-check.js';

/** The gate, in the order it runs on each new or changed version. */
export const versionChecks: readonly VersionCheck[] = [
  schemaCompiles,
  examplesAsLabelled,
  compatibleWithinMajor,
  semverBump,
  newMajorHasUpgrade,
  rulesVerified,
  readersKeepAPath,
];
