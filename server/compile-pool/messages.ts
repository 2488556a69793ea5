import type { CompatibilityPolicy, Counterexample, EngineLimits } from '../../core/compat/index.js';
import type { RuleVerification, RuleVerificationRequest } from '../../core/migrate/index.js';
import type { ReferencedSchemas } from '../../core/schema/types.js';

/**
 * A schema to compile, sent to a worker as its JSON text. `check` only asks whether a validator
 * can be built; `source` asks for the validator itself, as standalone JavaScript.
 */
export interface CompileJob {
  id: number;
  kind: 'check' | 'source';
  text: string;
  references: ReferencedSchemas;
}

/** Migration rules to verify (core/migrate `verifyRules`), off the event loop. */
export interface VerifyJob {
  id: number;
  kind: 'verify';
  request: RuleVerificationRequest;
}

/** A schema as a counterexample job carries it: JSON text (cheap to send) and its references. */
export interface SchemaText {
  text: string;
  references: ReferencedSchemas;
  version?: number;
}

/** A counterexample search (core/compat `searchCounterexample`), off the event loop. */
export interface CounterexampleJob {
  id: number;
  kind: 'counterexample';
  writer: SchemaText;
  reader: SchemaText;
  direction: 'backward' | 'forward';
  policy: CompatibilityPolicy;
  againstVersion?: number;
  limits?: EngineLimits;
}

export type WorkerJob = CompileJob | VerifyJob | CounterexampleJob;

/** A worker's answer: `error` holds the factory's message when no validator can be built. */
export interface CompileVerdict {
  id: number;
  error?: string;
  /** For `source` jobs: the validator's CommonJS source, and V8's code cache for it (compiled). */
  source?: string;
  codeCache?: Uint8Array;
  /** A verify job's result, or its refusal (a RegistryError's code, message and details). */
  verified?: RuleVerification[];
  refusal?: { code: string; message: string; details: Record<string, unknown> };
  /** A counterexample job's finding; null when none was found within the limits. */
  counterexample?: Counterexample | null;
}
