import type { RuleVerification, RuleVerificationRequest } from '../../core/migrate/index.js';
import type { ReferencedSchemas } from '../../core/schema/types.js';

/** A schema to compile, sent to a worker as its JSON text. */
export interface CompileJob {
  id: number;
  kind?: 'compile';
  text: string;
  references: ReferencedSchemas;
}

/** Migration rules to verify (core/migrate `verifyRules`), off the event loop. */
export interface VerifyJob {
  id: number;
  kind: 'verify';
  request: RuleVerificationRequest;
}

export type WorkerJob = CompileJob | VerifyJob;

/** A worker's answer: `error` holds ajv's message when the schema does not compile. */
export interface CompileVerdict {
  id: number;
  error?: string;
  /** A verify job's result, or its refusal (a RegistryError's code, message and details). */
  verified?: RuleVerification[];
  refusal?: { code: string; message: string; details: Record<string, unknown> };
}
