import type { CompiledTransform } from './compile-transform.js';
import { MigrationError } from './migration-error.js';
import { asMigrationError } from './compile-transform.js';

/** One step of a chain: `rule` names the rule(s) it runs; no rule means the versions are compatible. */
export interface MigrationHop {
  from: string;
  to: string;
  rule?: string;
}

/**
 * The migration path between two versions of a subject, compiled once. `run` returns the migrated
 * event synchronously when every hop compiled to JavaScript (`compiled`), and a Promise when some
 * hop needs the JSONata evaluator; `runAsync` always returns a Promise.
 *
 * @example
 * const chain = planChain(versions, 1, 3, isCompatible);
 * const v2 = chain.compiled ? chain.run(v1Event) : await chain.runAsync(v1Event);
 */
export interface MigrationChain {
  readonly hops: readonly MigrationHop[];
  readonly compiled: boolean;
  run(event: unknown): unknown;
  runAsync(event: unknown): Promise<unknown>;
}

/** A hop's rules, compiled, with the names an error should carry. */
export interface CompiledHop {
  hop: MigrationHop;
  steps: { rule: string; transform: CompiledTransform }[];
}

const label = (hop: MigrationHop): string => `${hop.from} -> ${hop.to}`;
const blame = (error: unknown, rule: string, hop: MigrationHop): MigrationError => asMigrationError(error).within(rule, label(hop));

/** Composes compiled hops into a chain; identity hops cost nothing at run time. */
export function composeChain(hops: readonly CompiledHop[]): MigrationChain {
  const steps = hops.flatMap(({ hop, steps }) => steps.map((s) => ({ ...s, hop })));
  const compiled = steps.every((s) => s.transform.compiled);

  const runAsync = async (event: unknown): Promise<unknown> => {
    let value = event;
    for (const s of steps) {
      try {
        value = await s.transform(value);
      } catch (error) {
        throw blame(error, s.rule, s.hop);
      }
    }
    return value;
  };

  const runSync = (event: unknown): unknown => {
    let value = event;
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i];
      try {
        value = s.transform(value);
      } catch (error) {
        throw blame(error, s.rule, s.hop);
      }
    }
    return value;
  };

  return { hops: hops.map((h) => h.hop), compiled, run: compiled ? runSync : runAsync, runAsync };
}
