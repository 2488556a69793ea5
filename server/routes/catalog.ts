import type { FastifyInstance } from 'fastify';
import { catalog } from '../registry/catalog.js';
import { flag } from '../http/query.js';
import type { RouteOptions } from './route-context.js';
import { booleanFlag } from './route-schemas.js';

/** `GET /catalog`: every subject with counts, latest version, owner and level, in one answer. */
export async function catalogRoutes(app: FastifyInstance, { ctx }: RouteOptions): Promise<void> {
  app.get('/catalog', { schema: { querystring: { type: 'object', properties: { deleted: booleanFlag } } } }, async (request) =>
    catalog(ctx, flag(request.query, 'deleted')),
  );
}
