import { RegistryError } from '../../core/errors/index.js';
import { CompileError, type CompilePool } from '../compile-pool/index.js';
import type { CompileValidator } from './schema-cache.js';

/**
 * Stored schemas' validators built on the compile pool: a large schema never compiles on the
 * event loop, neither at registration nor the first time an event is validated against it. A
 * schema no validator can be built for (one registered before a bound existed) is 42201.
 */
export function poolValidators(compiler: CompilePool): CompileValidator {
  return async (input, text) => {
    try {
      return await compiler.validator(input.schema, input.references ?? {}, text);
    } catch (error) {
      if (!(error instanceof CompileError)) throw error;
      throw new RegistryError('INVALID_SCHEMA', `Invalid schema: events cannot be validated against it: ${error.message}`, {}, { cause: error });
    }
  };
}
