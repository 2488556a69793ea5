import { examplesAsLabelled } from './checks/examples-as-labelled.js';
import { readersKeepAPath } from './checks/readers-keep-a-path.js';
import { registrationPolicy } from './checks/registration-policy.js';
import { rulesVerified } from './checks/rules-verified.js';
import { schemaCompiles } from './checks/schema-compiles.js';
import { subjectName } from './checks/subject-name.js';
import type { VersionCheck } from './checks/version-check.js';

/** The gate, in the order the registry applies the same rules to each new or changed version. */
export const versionChecks: readonly VersionCheck[] = [
  subjectName,
  schemaCompiles,
  examplesAsLabelled,
  registrationPolicy,
  rulesVerified,
  readersKeepAPath,
];
