import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { RegistryError } from '../../core/errors/index.js';
import { REGISTRY_CONTENT_TYPE } from './content-types.js';

/**
 * Failures fastify meets before routing (an undecodable `%zz` or lone-surrogate escape, a path
 * parameter over the length limit). Without this they answer in fastify's own body shape, which
 * Confluent clients cannot read; with it they carry the catalog's `{error_code, message}`.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A path segment is longer than the server accepts'
      : `The request path is not valid: ${error.message.slice(0, 300)}`;
  const body = new RegistryError('BAD_REQUEST', message).toBody();
  void reply.status(400).header('content-type', REGISTRY_CONTENT_TYPE).send(body);
}
