import { subjectNameProblem } from '../../../core/policy/index.js';
import { findingsOfRefusal } from '../policy-findings.js';
import type { VersionContext } from '../version-context.js';
import type { VersionCheck } from './version-check.js';

/** The registry refuses a subject name before anything else, so the gate does too. */
export const subjectName: VersionCheck = {
  name: 'subject-name',
  summary: 'the subject folder is named as the registry accepts subjects (no control characters, /, \\ or %)',
  gate: true,
  run(ctx: VersionContext) {
    const problem = subjectNameProblem(ctx.subject);
    return problem === undefined ? [] : findingsOfRefusal(ctx, { code: 'INVALID_SUBJECT', message: problem, details: { policyRule: 'subject-name' } });
  },
};
