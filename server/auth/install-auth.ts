import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RegistryError } from '../../core/errors/index.js';
import type { RegistryContext } from '../registry/context.js';
import type { Authenticator, Principal } from './authenticator.js';
import { authenticateChallenge, parseAuthorization } from './credentials.js';
import { FailedAuthLimiter } from './failed-auth-limit.js';
import { permissionFor, type Permission } from './permissions.js';
import { requirement, type Escalation } from './requirement.js';
import { grantsAllow } from './roles.js';
import { checks, escalations, filters } from './rules.js';

/** Failed or missing credentials an address may send a minute before it is refused unchecked. */
export const defaultFailuresPerMinute = 30;

/** Principals by request; `request.principal` (what `actorOf` and the audit log read) is its name. */
const principals = new WeakMap<FastifyRequest, Principal>();

export const principalOf = (request: FastifyRequest): Principal | undefined => principals.get(request);

/**
 * Turns authentication and authorisation on for every route registered after this call:
 * 1. `onRequest` authenticates (401 with a challenge), after refusing (429) an address that has
 *    failed too often this minute;
 * 2. `preParsing` checks the route's role (403) before any body is read;
 * 3. `preValidation` applies what only the parsed body shows: imports need admin, references and
 *    consumer declarations need read on the subjects they name;
 * 4. `preSerialization` filters lists down to what the principal may read.
 * Call it before any route is added: fastify binds hooks to routes as they are registered.
 */
export function installAuth(app: FastifyInstance, ctx: RegistryContext, auth: Authenticator, options: { failuresPerMinute?: number } = {}): void {
  const failures = new FailedAuthLimiter(options.failuresPerMinute ?? defaultFailuresPerMinute);
  if (!app.hasRequestDecorator('principal')) app.decorateRequest('principal', undefined);

  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (!permissionFor(method, route.url)) app.log.error({ method, url: route.url }, 'route has no permission rule: it will answer 403 to everyone');
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const url = request.routeOptions.url;
    const permission = permissionFor(request.method, url);
    if (isAnonymous(permission, auth)) return;
    const wait = failures.blockedFor(request.ip);
    if (wait !== undefined) {
      reply.header('retry-after', String(wait));
      throw new RegistryError('RATE_LIMITED', `Too many failed authentications from this address (${failures.perMinute} a minute); retry in ${wait} s`);
    }
    const credentials = parseAuthorization(request.headers.authorization);
    const outcome = credentials ? await auth.authenticate(credentials) : { error: 'no credentials' };
    if ('error' in outcome) {
      failures.recordFailure(request.ip);
      // Log why, never what was sent: the header itself is redacted by the logger as well.
      request.log.info({ reason: outcome.error }, 'authentication failed');
      reply.header('www-authenticate', authenticateChallenge);
      throw new RegistryError('UNAUTHORIZED', credentials ? `Authentication failed: ${outcome.error}` : 'Authentication required: send an API key (HTTP Basic key:secret) or a bearer token');
    }
    principals.set(request, outcome.principal);
    (request as FastifyRequest & { principal?: string }).principal = outcome.principal.name;
  });

  // The route's own role, checked before the body is read. A separate phase from authentication
  // so that a rate limiter installed next (an onRequest hook) counts refused calls too.
  app.addHook('preParsing', async (request, _reply, payload) => {
    const url = request.routeOptions.url;
    const permission = permissionFor(request.method, url);
    const principal = principals.get(request);
    if (url === undefined || isAnonymous(permission, auth)) return payload; // unmatched: the 404 handler answers
    if (!permission || !principal) throw new RegistryError('FORBIDDEN', `No permission rule covers ${request.method} ${url}; refused by default`);
    authorise(request, principal, permission, escalated(request, permission, false));
    return payload;
  });

  // Imports and references are only visible in the body, hence a second look once it is parsed.
  app.addHook('preValidation', async (request) => {
    const permission = permissionFor(request.method, request.routeOptions.url);
    const principal = principals.get(request);
    if (!permission || !principal) return;
    const escalation = escalated(request, permission, true);
    if (escalation) authorise(request, principal, permission, escalation);
    for (const check of permission.also ?? []) await checks[check](request, principal.grants, ctx);
  });

  app.addHook('preSerialization', async (request, _reply, payload) => {
    const filter = permissionFor(request.method, request.routeOptions.url)?.filter;
    const principal = principals.get(request);
    return filter && principal ? filters[filter](payload, principal.grants) : payload;
  });
}

/** Throws 403 unless the principal's grants cover the route's role (or the escalation's, when one applies). */
function authorise(request: FastifyRequest, principal: Principal, permission: Permission, escalation: Escalation | undefined): void {
  const { access } = permission;
  const needed = requirement(permission, access.kind === 'role' && access.on === 'subject' ? subjectParam(request) : undefined, escalation);
  if (needed === undefined) return;
  const { role: required, target } = needed;
  if (grantsAllow(principal.grants, required, target)) return;
  const where = target.on === 'subject' ? `subject '${target.subject}'` : target.on === 'all' ? 'every subject (an unscoped role)' : 'some subject';
  const why = escalation && permission.adminWhen ? ` (${permission.adminWhen})` : '';
  throw new RegistryError('FORBIDDEN', `${principal.name} may not ${request.method} ${request.routeOptions.url}${why}: it needs ${required} on ${where}`);
}

/** What the route's escalation asks for, when it applies and can be judged in this phase. */
function escalated(request: FastifyRequest, permission: Permission, bodyParsed: boolean): Escalation | undefined {
  const escalation = permission.adminWhen && escalations[permission.adminWhen];
  return escalation && escalation.readsBody === bodyParsed && escalation.applies(request) ? escalation.to : undefined;
}

function isAnonymous(permission: Permission | undefined, auth: Authenticator): boolean {
  if (permission?.access.kind === 'probe' || permission?.access.kind === 'static') return true;
  return permission?.access.kind === 'metrics' && auth.metricsAccess === 'public';
}

function subjectParam(request: FastifyRequest): string {
  const subject = (request.params as { subject?: unknown }).subject;
  // A subject-scoped rule on a route without {subject} is a bug in the table: refuse, don't guess.
  if (typeof subject !== 'string') throw new RegistryError('FORBIDDEN', 'This route names no subject to authorise against; refused by default');
  return subject;
}
