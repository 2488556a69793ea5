import type { ErrorObject, ValidateFunction } from 'ajv';

/** ajv's verdict on one value, as data. */
export interface ValidationOutcome {
  valid: boolean;
  errors: ErrorObject[];
}

/**
 * Runs a compiled validator and never throws: a few schema shapes make ajv's generated code throw
 * at validation time (found by the compatibility soundness test). Such a throw is reported as one
 * error on the value instead of surfacing as a 500.
 */
export function runValidator(validate: ValidateFunction, value: unknown): ValidationOutcome {
  try {
    const valid = validate(value) === true;
    return { valid, errors: valid ? [] : [...(validate.errors ?? [])] };
  } catch (error) {
    return {
      valid: false,
      errors: [
        {
          instancePath: '',
          schemaPath: '#',
          keyword: 'validator',
          params: {},
          message: `the validator failed on this value (${(error as Error).message}); the schema may need simplifying`,
        },
      ],
    };
  }
}
