import type { FastifyInstance } from 'fastify';
import { DEFAULT_CONTEXT } from '../../core/contexts/context-name.js';
import { listContexts } from '../storage/version-rows.js';
import { page } from './paging.js';
import type { RouteOptions } from './route-context.js';

/** `GET /contexts`: the default context first, then every context a subject lives in, by name. */
export async function contextRoutes(app: FastifyInstance, { ctx }: RouteOptions): Promise<void> {
  app.get('/contexts', async (request) => page([DEFAULT_CONTEXT, ...(await listContexts(ctx.db))], request.query));
}
