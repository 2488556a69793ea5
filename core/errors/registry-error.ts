import { errorCatalog, type ErrorCode } from './catalog.js';

/** The body every error response carries: Confluent's two fields plus additive extensions. */
export interface ErrorBody {
  error_code: number;
  message: string;
  [extension: string]: unknown;
}

/**
 * An expected failure of the registry, with its catalog entry. `details` are additive fields of the
 * response body (changes, counterexamples, ajv errors) that Confluent clients simply ignore.
 */
export class RegistryError extends Error {
  readonly code: ErrorCode;
  readonly errorCode: number;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RegistryError';
    this.code = code;
    this.errorCode = errorCatalog[code].errorCode;
    this.status = errorCatalog[code].status;
    this.details = details;
  }

  toBody(): ErrorBody {
    return { error_code: this.errorCode, message: this.message, ...this.details };
  }
}
