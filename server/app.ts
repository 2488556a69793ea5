import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { REGISTRY_CONTENT_TYPE, registerJsonBodies } from './http/content-types.js';
import { installAuth, installRateLimit, type Authenticator } from './auth/index.js';
import { registerErrorHandling } from './http/error-handler.js';
import { timeoutOptions, type ServerTimeouts } from './http/timeouts.js';
import { limitBodyDepth } from './http/body-depth.js';
import { refuseUnstorableText } from './http/storable-text.js';
import { capValidationReports } from './http/capped-errors.js';
import { frameworkErrors } from './http/framework-errors.js';
import { createMetrics, instrumentRequests, type ServerMetrics } from './metrics.js';
import { buildOpenApiDocument } from './openapi/document.js';
import type { RegistryContext } from './registry/context.js';
import { SchemaCache } from './registry/schema-cache.js';
import { poolValidators } from './registry/pool-validators.js';
import { CompilePool, sharedCompilePool } from './compile-pool/index.js';
import { catalogRoutes } from './routes/catalog.js';
import { compatibilityRoutes } from './routes/compatibility.js';
import { consoleRoutes, redirectBrowsersToConsole } from './console/index.js';
import { evolutionRoutes } from './routes/evolution.js';
import { historyRoutes } from './routes/history.js';
import { extensionRoutes } from './routes/extensions.js';
import { healthRoutes } from './routes/health.js';
import type { RouteOptions } from './routes/route-context.js';
import { schemaRoutes } from './routes/schemas.js';
import { settingsRoutes } from './routes/settings.js';
import { subjectRoutes } from './routes/subjects.js';
import { whoamiRoutes } from './routes/whoami.js';
import type { SqlDriver } from './storage/sql-driver.js';

export interface AppOptions {
  db: SqlDriver;
  /** Largest request body in bytes (default 1 MiB); larger ones get 413 / 42209. */
  bodyLimit?: number;
  logger?: FastifyServerOptions['logger'];
  version?: string;
  /** Authentication and per-subject authorisation; every route is open without it. */
  auth?: Authenticator;
  /** Requests per minute per principal (per IP when anonymous). */
  rateLimit?: number;
  /** With auth: failed or missing credentials per client address a minute before 429 (default 30). */
  authFailureLimit?: number;
  /** PEM certificate and key: the app serves HTTPS. */
  https?: { cert: string | Buffer; key: string | Buffer };
  /** Client timeouts (defaults in http/timeouts.ts): slow clients are cut off, never waited on. */
  timeouts?: Partial<ServerTimeouts>;
  /**
   * Worker threads compiling new schemas (0: on the event loop). Unset: the process-wide pool
   * (cores − 1, 1–4), shared by every app in the process and started on first use.
   */
  compileWorkers?: number;
}

export interface CharterApp {
  app: FastifyInstance;
  ctx: RegistryContext;
  metrics: ServerMetrics;
  /** Every route as registered (method and pattern): the OpenAPI and authorisation tests walk it. */
  routes: Array<{ method: string; url: string }>;
}

/** The route plugins, in the order they are registered. */
const routePlugins = [
  healthRoutes,
  subjectRoutes,
  schemaRoutes,
  compatibilityRoutes,
  settingsRoutes,
  extensionRoutes,
  historyRoutes,
  evolutionRoutes,
  catalogRoutes,
  whoamiRoutes,
  consoleRoutes,
];

/** Builds the registry's fastify app over an open store (not listening yet). */
export function buildApp(options: AppOptions): CharterApp {
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  const { serverOptions, ...timeouts } = timeoutOptions(options.timeouts);
  const app = Fastify({
    ...timeouts,
    logger: options.logger ?? false,
    bodyLimit,
    // Subject names may be up to 255 characters; the registry's own check gives the precise error.
    routerOptions: { maxParamLength: 2000, ignoreTrailingSlash: true },
    return503OnClosing: true,
    frameworkErrors,
    forceCloseConnections: 'idle',
    ...(options.https ? { https: { ...options.https, ...serverOptions } } : { http: serverOptions }),
  }) as unknown as FastifyInstance; // an HTTPS server is still driven through the same API
  const ownCompiler = options.compileWorkers === undefined ? undefined : new CompilePool({ size: options.compileWorkers });
  if (ownCompiler) app.addHook('onClose', () => ownCompiler.close());
  const compiler = ownCompiler ?? sharedCompilePool();
  const ctx: RegistryContext = { db: options.db, schemas: new SchemaCache(undefined, poolValidators(compiler)), compiler };
  const metrics = createMetrics();
  const routes: CharterApp['routes'] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  registerJsonBodies(app);
  limitBodyDepth(app);
  refuseUnstorableText(app);
  capValidationReports(app);
  registerErrorHandling(app, { bodyLimit, onRefusal: (error) => metrics.refusals.inc({ code: String(error.errorCode) }) });
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('content-type', REGISTRY_CONTENT_TYPE);
  });
  redirectBrowsersToConsole(app);
  // Before any route: fastify binds hooks to routes as they are added.
  if (options.auth) installAuth(app, ctx, options.auth, { failuresPerMinute: options.authFailureLimit });
  if (options.rateLimit) installRateLimit(app, options.rateLimit);
  instrumentRequests(app, metrics);
  const openapi = buildOpenApiDocument(options.version ?? '0.0.0');
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json').send(openapi));
  const routeOptions: RouteOptions = {
    ctx,
    onRegistered: ({ created }) => metrics.registrations.inc({ outcome: created ? 'created' : 'existing' }),
  };
  for (const plugin of routePlugins) app.register(plugin, routeOptions);
  return { app, ctx, metrics, routes };
}
