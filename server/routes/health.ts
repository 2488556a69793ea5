import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from './route-context.js';

/** Probes for orchestrators: liveness never touches the store; readiness proves it answers. */
export async function healthRoutes(app: FastifyInstance, { ctx }: RouteOptions): Promise<void> {
  app.get('/', async () => ({}));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    try {
      await withTimeout(ctx.db.query('SELECT 1'), 2_000);
      return { status: 'ready', store: ctx.db.kind };
    } catch (error) {
      // Probes are anonymous: the cause (a database address, a driver message) goes to the log only.
      request.log.warn({ err: error }, 'not ready: the store did not answer');
      return reply.status(503).header('retry-after', '1').send({ error_code: 50301, message: 'The registry is not ready' });
    }
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}
