import { codeForErrorCode, RegistryError, type ErrorCode } from '../../core/errors/index.js';

/** The subject does not exist (40401). */
export class SubjectNotFoundError extends RegistryError {
  override name = 'SubjectNotFoundError';
}
/** The subject exists but not this version (40402). */
export class VersionNotFoundError extends RegistryError {
  override name = 'VersionNotFoundError';
}
/** No schema has this id (40403). */
export class SchemaNotFoundError extends RegistryError {
  override name = 'SchemaNotFoundError';
}
/** The registry refused the schema as incompatible (409); `changes` says why. */
export class IncompatibleSchemaError extends RegistryError {
  override name = 'IncompatibleSchemaError';
  get changes(): unknown[] {
    return Array.isArray(this.details.changes) ? this.details.changes : [];
  }
  get counterexample(): unknown {
    return this.details.counterexample;
  }
}
/** The schema document is not valid JSON Schema (42201). */
export class InvalidSchemaError extends RegistryError {
  override name = 'InvalidSchemaError';
}
/** An event did not match its schema (42212); `errors` are ajv's. */
export class InvalidEventError extends RegistryError {
  override name = 'InvalidEventError';
  get errors(): unknown[] {
    return Array.isArray(this.details.errors) ? this.details.errors : [];
  }
}
/** No chain of migration rules joins two versions (42213). */
export class NoMigrationPathError extends RegistryError {
  override name = 'NoMigrationPathError';
}
/**
 * The registry could not be reached or kept failing (network error, timeout or 5xx after every
 * retry). Filed under the catalog's 503 so `instanceof RegistryError` catches every registry failure.
 */
export class RegistryUnavailableError extends RegistryError {
  override name = 'RegistryUnavailableError';
}

type ErrorClass = new (code: ErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) => RegistryError;

// Named data rather than a switch: add a class here and the client rebuilds it from responses.
const classByCode: Partial<Record<ErrorCode, ErrorClass>> = {
  SUBJECT_NOT_FOUND: SubjectNotFoundError,
  VERSION_NOT_FOUND: VersionNotFoundError,
  SCHEMA_NOT_FOUND: SchemaNotFoundError,
  INCOMPATIBLE_SCHEMA: IncompatibleSchemaError,
  INVALID_SCHEMA: InvalidSchemaError,
  INVALID_EVENT: InvalidEventError,
  NO_MIGRATION_PATH: NoMigrationPathError,
};

/**
 * Rebuilds the typed error from a response body `{error_code, message, ...extensions}`. Unknown
 * codes fall back to the HTTP status's generic catalog entry.
 *
 * @example
 *   errorFromResponse(404, { error_code: 40401, message: 'Subject not found' }) // SubjectNotFoundError
 */
export function errorFromResponse(status: number, body: unknown): RegistryError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const numeric = typeof record.error_code === 'number' ? record.error_code : status;
  // Confluent answers 409 with error_code 409 or 40901; both mean incompatible.
  const code = codeForErrorCode(numeric) ?? (numeric === 40901 ? 'INCOMPATIBLE_SCHEMA' : fallbackCode(status));
  const message = typeof record.message === 'string' ? record.message : `registry answered ${status}`;
  const { error_code: _c, message: _m, ...details } = record;
  const Class = classByCode[code] ?? RegistryError;
  return new Class(code, message, details);
}

function fallbackCode(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'ROUTE_NOT_FOUND';
  if (status === 409) return 'INCOMPATIBLE_SCHEMA';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL';
  return 'BAD_REQUEST';
}
