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
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    // Clients send a JSON content type on body-less DELETEs too; an empty body is simply no body.
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    return parseJson(request, text, done);
  });
}
