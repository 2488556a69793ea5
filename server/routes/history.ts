import type { FastifyInstance } from 'fastify';
import { resolveVersion, versionsOrNotFound } from '../registry/lookup.js';
import { parseVersionSelector } from '../registry/version-param.js';
import { subjectHistory } from '../storage/history-rows.js';
import { flag } from '../http/query.js';
import type { RouteOptions, SubjectParams, VersionParams } from './route-context.js';
import { booleanFlag, subjectParams, versionParams } from './route-schemas.js';

/** A subject's timeline (who registered what, when, soft deletes included) and version examples. */
export async function historyRoutes(app: FastifyInstance, { ctx }: RouteOptions): Promise<void> {
  app.get<{ Params: SubjectParams }>('/subjects/:subject/history', { schema: { params: subjectParams } }, async (request) => {
    await versionsOrNotFound(ctx.db, request.params.subject, true);
    return subjectHistory(ctx.db, request.params.subject);
  });

  app.get<{ Params: VersionParams }>(
    '/subjects/:subject/versions/:version/examples',
    { schema: { params: versionParams, querystring: { type: 'object', properties: { deleted: booleanFlag } } } },
    async (request) => {
      const { subject, version } = request.params;
      return (await resolveVersion(ctx.db, subject, parseVersionSelector(version), flag(request.query, 'deleted'))).examples;
    },
  );
}
