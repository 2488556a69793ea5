import { describe, expect, it } from 'vitest';
import { RegistryError } from '../../core/errors/index.js';
import { errorFromResponse, IncompatibleSchemaError, InvalidEventError, NoMigrationPathError, SubjectNotFoundError } from '../../client/registry/errors.js';

describe('errorFromResponse', () => {
  it('rebuilds the class named by the Confluent error code', () => {
    const error = errorFromResponse(404, { error_code: 40401, message: "Subject 'x' not found." });
    expect(error).toBeInstanceOf(SubjectNotFoundError);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.message).toBe("Subject 'x' not found.");
  });

  it('keeps the extensions of an incompatibility: changes and counterexample', () => {
    const body = { error_code: 409, message: 'incompatible', changes: [{ kind: 'type-narrowed', pointer: '/properties/a' }], counterexample: { a: 1 } };
    const error = errorFromResponse(409, body) as IncompatibleSchemaError;
    expect(error).toBeInstanceOf(IncompatibleSchemaError);
    expect(error.changes).toEqual(body.changes);
    expect(error.counterexample).toEqual({ a: 1 });
  });

  it('maps Charter extension codes for invalid events and missing migration paths', () => {
    expect(errorFromResponse(422, { error_code: 42212, message: 'bad', errors: [{ keyword: 'required' }] })).toBeInstanceOf(InvalidEventError);
    expect(errorFromResponse(422, { error_code: 42213, message: 'no path' })).toBeInstanceOf(NoMigrationPathError);
  });

  it('falls back to the HTTP status when the body is not a registry error', () => {
    const error = errorFromResponse(401, 'Unauthorized');
    expect(error.code).toBe('UNAUTHORIZED');
  });
});
