import type { FastifyError, FastifyInstance } from 'fastify';
import { RegistryError } from '../../core/errors/index.js';
import { capErrorBody } from './capped-errors.js';

/** node-postgres and PGlite failures that mean "the database is not reachable right now". */
function isStoreUnavailable(error: { code?: string; message?: string }): boolean {
  const code = error.code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300'].includes(code) ||
    code.startsWith('08') ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|PGlite is closed/i.test(error.message ?? '')
  );
}

/** Translates fastify's own failures (body parsing, limits) into catalog errors. */
function fromFastifyError(error: FastifyError, bodyLimit: number): RegistryError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new RegistryError('PAYLOAD_TOO_LARGE', `Request body is larger than the limit of ${bodyLimit} bytes`);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new RegistryError('BAD_REQUEST', `Malformed JSON in the request body: ${error.message}`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new RegistryError('BAD_REQUEST', error.message);
    default:
      if (error instanceof SyntaxError || error.statusCode === 400) return new RegistryError('BAD_REQUEST', `Malformed request: ${error.message}`);
      if (error.statusCode === 413) return new RegistryError('PAYLOAD_TOO_LARGE', error.message);
      if (error.statusCode === 429) return new RegistryError('RATE_LIMITED', error.message);
      return undefined;
  }
}

/**
 * One error handler for every route: expected failures answer with their catalog entry
 * (`{error_code, message, …}`), a database outage with 503, anything else with a 500 that is
 * logged with its cause but never leaks a stack trace to the caller.
 */
export function registerErrorHandling(app: FastifyInstance, options: { bodyLimit: number; onRefusal?: (error: RegistryError) => void }): void {
  app.setErrorHandler((raw, request, reply) => {
    let error = raw instanceof RegistryError ? raw : fromFastifyError(raw as FastifyError, options.bodyLimit);
    if (!error && isStoreUnavailable(raw as { code?: string })) {
      error = new RegistryError('STORE_UNAVAILABLE', 'The registry store is unavailable; try again shortly', {}, { cause: raw });
      request.log.warn({ err: raw }, 'store unavailable');
    }
    if (!error) {
      request.log.error({ err: raw }, 'unexpected error');
      error = new RegistryError('INTERNAL', 'Internal error: the request could not be completed and nothing was changed');
    } else if (error.status < 500) {
      options.onRefusal?.(error);
    }
    if (error.code === 'STORE_UNAVAILABLE') reply.header('retry-after', '1');
    return reply.status(error.status).send(capErrorBody(error.toBody()));
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new RegistryError('ROUTE_NOT_FOUND', `HTTP 404 Not Found: no route ${request.method} ${request.url.slice(0, 200)}`);
    return reply.status(404).send(error.toBody());
  });
}
