import * as compat from '../../../core/compat/index.js';
import type { JsonSchema } from '../../../core/schema/types.js';

/** The part of the engine's answer the gate reads. */
export interface EngineChange {
  kind: string;
  path: string;
  breaksBackward: boolean;
  breaksForward: boolean;
  message: string;
}

export interface EngineResult {
  compatible: boolean;
  changes: EngineChange[];
  messages: string[];
  counterexample?: unknown;
}

// Offline the gate uses STRICT, the registry's default: it never calls a breaking change compatible.
const options = { policy: 'STRICT' } as const;

/** `candidate` against `previous` (newest first) at `level`, as the registry would judge it. */
export function checkAgainst(candidate: JsonSchema, previous: JsonSchema[], level: string): EngineResult {
  const run = compat.checkCompatibility as unknown as (c: object, p: object[], l: string, o: object) => EngineResult;
  return run({ schema: candidate }, previous.map((schema) => ({ schema })), level, options);
}

/** The bump a change needs: patch (annotations), minor (compatible), major (breaking). */
export function requiredBump(older: JsonSchema, newer: JsonSchema, level: string): 'patch' | 'minor' | 'major' {
  const classify = compat.classifyChange as unknown as (o: object, n: object, l: string, opts: object) => 'patch' | 'minor' | 'major';
  return classify({ schema: older }, { schema: newer }, level, options);
}

/** Does a change break readers in the direction(s) the level protects? */
export function breaksAt(change: EngineChange, level: string): boolean {
  if (level.startsWith('FULL')) return change.breaksBackward || change.breaksForward;
  if (level.startsWith('FORWARD')) return change.breaksForward;
  return change.breaksBackward;
}
