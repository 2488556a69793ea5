import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { onInterpretedRule, onInterpretedRun } from '../core/migrate/index.js';

/** The registry's Prometheus metrics, one prom-client Registry per server instance. */
export interface ServerMetrics {
  registry: Registry;
  registrations: Counter<'outcome'>;
  refusals: Counter<'code'>;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  /** Events migrated by a rule on JSONata's evaluator rather than compiled JavaScript. */
  interpretedRuns: Counter;
}

export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'charter_' });
  const requestDuration = new Histogram({
    name: 'charter_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  const registrations = new Counter({
    name: 'charter_registrations_total',
    help: 'Schema registrations by outcome (created or existing)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'charter_refusals_total',
    help: 'Requests refused with a 4xx, by error code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const interpretedRuns = new Counter({
    name: 'charter_migration_interpreted_runs_total',
    help: 'Events migrated (upcast/downcast) by a rule the compiler does not take, on the JSONata evaluator (about 30x slower)',
    registers: [registry],
  });
  return { registry, registrations, refusals, requestDuration, interpretedRuns };
}

/** Times every request by its route pattern (not its URL, which would explode the label set). */
export function instrumentRequests(app: FastifyInstance, metrics: ServerMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.requestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  // Rules run on the evaluator are counted per event, and logged once when compiled.
  const stopCounting = onInterpretedRun(() => metrics.interpretedRuns.inc());
  const stopLogging = onInterpretedRule(({ expr, reason }) => app.log.warn({ expr: expr.slice(0, 200), reason }, 'migration rule runs on the JSONata evaluator, not compiled'));
  app.addHook('onClose', async () => {
    stopCounting();
    stopLogging();
  });
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
}
