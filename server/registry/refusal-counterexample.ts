import { counterexampleSearchOf, type CompatibilityResult } from '../../core/compat/index.js';
import { RegistryError } from '../../core/errors/index.js';
import type { RegistryContext } from './context.js';

/**
 * Runs a policy decision whose incompatibility refusal comes without its counterexample, and adds
 * one found on the compile pool: the search compiles schemas with ajv and validates generated
 * events, which must not hold up the event loop.
 */
export async function withCounterexample<T>(ctx: RegistryContext, decide: () => T): Promise<T> {
  try {
    return decide();
  } catch (error) {
    const search = error instanceof RegistryError && error.code === 'INCOMPATIBLE_SCHEMA' ? counterexampleSearchOf(error.cause as CompatibilityResult) : undefined;
    if (search) {
      const counterexample = await ctx.compiler.counterexample(search);
      if (counterexample) (error as RegistryError).details.counterexample = counterexample;
    }
    throw error;
  }
}
