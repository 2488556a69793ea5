import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { RegistryError } from '../../core/errors/index.js';
import { permissionFor } from './permissions.js';

/**
 * Limits each principal to `perMinute` requests (each client IP while anonymous), answering 429
 * with Confluent's `{error_code: 42901, message}` and a `retry-after`. Call it after `installAuth`,
 * so the principal is known when the key is chosen, and before any route is added: the plugin's
 * own global mode would only reach routes registered inside later plugins, so its handler is
 * applied as a root hook instead. Probes are never limited: a throttled liveness probe restarts pods.
 */
export function installRateLimit(app: FastifyInstance, perMinute: number): void {
  let limit: onRequestAsyncHookHandler | undefined;
  app.register(rateLimit, {
    global: false,
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => {
      const principal = (request as FastifyRequest & { principal?: string }).principal;
      return principal ? `principal:${principal}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      new RegistryError('RATE_LIMITED', `Rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`),
  });
  app.after(() => {
    limit = app.rateLimit() as onRequestAsyncHookHandler;
  });
  app.addHook('onRequest', async function (request, reply) {
    if (permissionFor(request.method, request.routeOptions.url)?.access.kind === 'probe') return;
    await limit!.call(this, request, reply);
  });
}
