import type { FastifyInstance } from 'fastify';
import { RegistryError } from '../../core/errors/index.js';
import { deleteSubject, deleteVersion } from '../registry/delete.js';
import { resolveVersion, versionBody, versionsOrNotFound } from '../registry/lookup.js';
import { lookupSchema, latestWithMetadata } from '../registry/find-schema.js';
import { registerSchema } from '../registry/register.js';
import { dryRunRegistration, registerBatch } from '../registry/register-batch.js';
import { assertValidSubject } from '../../core/policy/index.js';
import { parseVersionSelector } from '../registry/version-param.js';
import { referencingSchemaIds } from '../storage/schema-rows.js';
import { listSubjects } from '../storage/version-rows.js';
import { flag, text } from '../http/query.js';
import { actorOf, type RouteOptions, type SubjectParams, type VersionParams } from './route-context.js';

/** Confluent's `/subjects` routes, with `semver` beside `version` everywhere. */
export async function subjectRoutes(app: FastifyInstance, { ctx, onRegistered }: RouteOptions): Promise<void> {
  app.get('/subjects', async (request) =>
    listSubjects(ctx.db, { prefix: text(request.query, 'subjectPrefix'), includeDeleted: flag(request.query, 'deleted') }),
  );

  app.post<{ Params: SubjectParams }>('/subjects/:subject', async (request) =>
    lookupSchema(ctx, request.params.subject, request.body, {
      normalize: flag(request.query, 'normalize'),
      includeDeleted: flag(request.query, 'deleted'),
    }),
  );

  app.delete<{ Params: SubjectParams }>('/subjects/:subject', async (request) =>
    deleteSubject(ctx, actorOf(request), request.params.subject, flag(request.query, 'permanent')),
  );

  app.get<{ Params: SubjectParams }>('/subjects/:subject/versions', async (request) =>
    (await versionsOrNotFound(ctx.db, request.params.subject, flag(request.query, 'deleted'))).map((v) => v.version),
  );

  app.post<{ Params: SubjectParams }>('/subjects/:subject/versions', async (request) => {
    if (flag(request.query, 'dryRun')) {
      return dryRunRegistration(ctx, actorOf(request), request.params.subject, request.body, flag(request.query, 'normalize'));
    }
    const result = await registerSchema(ctx, actorOf(request), request.params.subject, request.body, {
      normalize: flag(request.query, 'normalize'),
    });
    onRegistered?.(result);
    // migrationRules: which executor runs each verified rule, and on how many samples it passed.
    return { id: result.id, version: result.version, semver: result.semver, ...(result.migrationRules && { migrationRules: result.migrationRules }) };
  });

  app.post<{ Params: SubjectParams }>('/subjects/:subject/versions/batch', async (request) => {
    const answer = await registerBatch(ctx, actorOf(request), request.params.subject, request.body, {
      dryRun: flag(request.query, 'dryRun'),
      normalize: flag(request.query, 'normalize'),
    });
    if (!answer.dryRun) answer.results.forEach((result) => onRegistered?.(result));
    return answer;
  });

  app.get<{ Params: VersionParams }>('/subjects/:subject/versions/:version', async (request) =>
    versionBody(await resolveVersion(ctx.db, request.params.subject, parseVersionSelector(request.params.version), flag(request.query, 'deleted'))),
  );

  app.get<{ Params: VersionParams }>('/subjects/:subject/versions/:version/schema', async (request, reply) => {
    const version = await resolveVersion(ctx.db, request.params.subject, parseVersionSelector(request.params.version), flag(request.query, 'deleted'));
    return reply.type('application/vnd.schemaregistry.v1+json').send(version.schema);
  });

  app.delete<{ Params: VersionParams }>('/subjects/:subject/versions/:version', async (request) =>
    deleteVersion(ctx, actorOf(request), request.params.subject, parseVersionSelector(request.params.version), flag(request.query, 'permanent')),
  );

  app.get<{ Params: VersionParams }>('/subjects/:subject/versions/:version/referencedby', async (request) => {
    const version = await resolveVersion(ctx.db, request.params.subject, parseVersionSelector(request.params.version), true);
    return referencingSchemaIds(ctx.db, version.subject, version.version);
  });

  app.get<{ Params: SubjectParams }>('/subjects/:subject/metadata', async (request) => {
    assertValidSubject(request.params.subject);
    const query = request.query as Record<string, string | string[] | undefined>;
    const keys = [query.key ?? []].flat();
    const values = [query.value ?? []].flat();
    if (keys.length === 0 || keys.length !== values.length) {
      throw new RegistryError('BAD_REQUEST', 'Pass metadata properties as matching key= and value= query parameters');
    }
    return latestWithMetadata(ctx, request.params.subject, Object.fromEntries(keys.map((key, i) => [key, values[i]!])));
  });
}
