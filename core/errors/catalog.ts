/**
 * The one catalog of registry errors. Every error the server can answer with is defined here once:
 * a stable string `code` (survives HTTP and refactors), Confluent's numeric `errorCode` (what
 * Confluent clients switch on) and the HTTP `status`. The client rebuilds the same class from a
 * response body's `error_code`, so both ends share this table.
 */
export const errorCatalog = {
  UNAUTHORIZED: { errorCode: 40101, status: 401, title: 'Authentication required' },
  FORBIDDEN: { errorCode: 40301, status: 403, title: 'Not allowed' },
  SUBJECT_NOT_FOUND: { errorCode: 40401, status: 404, title: 'Subject not found' },
  VERSION_NOT_FOUND: { errorCode: 40402, status: 404, title: 'Version not found' },
  SCHEMA_NOT_FOUND: { errorCode: 40403, status: 404, title: 'Schema not found' },
  SUBJECT_SOFT_DELETED: { errorCode: 40404, status: 404, title: 'Subject was soft deleted' },
  SUBJECT_NOT_SOFT_DELETED: { errorCode: 40405, status: 404, title: 'Subject not soft deleted' },
  VERSION_SOFT_DELETED: { errorCode: 40406, status: 404, title: 'Version was soft deleted' },
  VERSION_NOT_SOFT_DELETED: { errorCode: 40407, status: 404, title: 'Version not soft deleted' },
  SUBJECT_CONFIG_NOT_FOUND: { errorCode: 40408, status: 404, title: 'Subject has no compatibility config' },
  SUBJECT_MODE_NOT_FOUND: { errorCode: 40409, status: 404, title: 'Subject has no mode' },
  CONSUMER_NOT_FOUND: { errorCode: 40410, status: 404, title: 'Consumer group not found' },
  ROUTE_NOT_FOUND: { errorCode: 404, status: 404, title: 'No such route' },
  METHOD_NOT_ALLOWED: { errorCode: 405, status: 405, title: 'Method not allowed' },
  INCOMPATIBLE_SCHEMA: { errorCode: 409, status: 409, title: 'Schema is incompatible' },
  PAYLOAD_TOO_LARGE: { errorCode: 42209, status: 413, title: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: { errorCode: 415, status: 415, title: 'Unsupported content type' },
  INVALID_SCHEMA: { errorCode: 42201, status: 422, title: 'Invalid schema' },
  INVALID_VERSION: { errorCode: 42202, status: 422, title: 'Invalid version' },
  INVALID_COMPATIBILITY_LEVEL: { errorCode: 42203, status: 422, title: 'Invalid compatibility level' },
  INVALID_MODE: { errorCode: 42204, status: 422, title: 'Invalid mode' },
  OPERATION_NOT_PERMITTED: { errorCode: 42205, status: 422, title: 'Operation not permitted' },
  REFERENCE_EXISTS: { errorCode: 42206, status: 422, title: 'Schema is still referenced' },
  ID_DOES_NOT_MATCH: { errorCode: 42207, status: 422, title: 'Id does not match' },
  INVALID_SUBJECT: { errorCode: 42208, status: 422, title: 'Invalid subject name' },
  INVALID_RULESET: { errorCode: 42210, status: 422, title: 'Invalid rule set' },
  INVALID_SEMVER: { errorCode: 42211, status: 422, title: 'Invalid semver' },
  INVALID_EVENT: { errorCode: 42212, status: 422, title: 'Event does not match the schema' },
  NO_MIGRATION_PATH: { errorCode: 42213, status: 422, title: 'No migration path between versions' },
  BAD_REQUEST: { errorCode: 400, status: 400, title: 'Malformed request' },
  RATE_LIMITED: { errorCode: 42901, status: 429, title: 'Too many requests' },
  STORE_ERROR: { errorCode: 50001, status: 500, title: 'Store error' },
  STORE_UNAVAILABLE: { errorCode: 50301, status: 503, title: 'Store unavailable' },
  INTERNAL: { errorCode: 50000, status: 500, title: 'Internal error' },
} as const satisfies Record<string, { errorCode: number; status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalog;

/** Finds the catalog entry for a Confluent numeric code (the client uses this to rebuild errors). */
export function codeForErrorCode(errorCode: number): ErrorCode | undefined {
  for (const [code, def] of Object.entries(errorCatalog)) if (def.errorCode === errorCode) return code as ErrorCode;
  return undefined;
}
