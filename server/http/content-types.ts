import type { FastifyInstance } from 'fastify';

/** What Confluent's REST API answers with; Confluent clients accept it and plain JSON alike. */
export const REGISTRY_CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/**
 * Every request body is read as JSON, whatever its declared type: Confluent clients send three
 * different vendor types, and `curl -d` sends form encoding by default. fastify's own JSON parser
 * is reused for its prototype-poisoning protection.
 */
export function registerJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
}
