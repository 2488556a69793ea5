import type { FastifyInstance } from 'fastify';
import { RegistryError } from '../../core/errors/index.js';
import { jsonDepth } from '../../core/schema/json-depth.js';

/**
 * Deepest JSON nesting a request body may have. JSON.parse copes with any depth, but the
 * recursive code after it does not: `JSON.stringify` in an error message, ajv, the compatibility
 * engine and PostgreSQL's jsonb all overflow somewhere in the thousands. A schema may nest 256
 * levels (schema-document.ts); events and wrappers get headroom on top.
 */
export const MAX_BODY_DEPTH = 512;

/** Refuses over-deep bodies with 400 before any handler sees them. */
export function limitBodyDepth(app: FastifyInstance, maxDepth = MAX_BODY_DEPTH): void {
  app.addHook('preValidation', async (request) => {
    if (request.body !== null && typeof request.body === 'object' && jsonDepth(request.body, maxDepth + 1) > maxDepth) {
      throw new RegistryError('BAD_REQUEST', `The request body is nested deeper than ${maxDepth} levels`);
    }
  });
}
