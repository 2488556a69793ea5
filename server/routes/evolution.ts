import type { FastifyInstance } from 'fastify';
import { diffVersions } from '../registry/diff-versions.js';
import { traceMigration } from '../registry/migration-trace.js';
import { subjectReadability } from '../registry/readability.js';
import { flag } from '../http/query.js';
import type { RouteOptions, SubjectParams } from './route-context.js';
import { booleanFlag, subjectParams, versionRef } from './route-schemas.js';

type DiffQuery = { from: string; to: string; deleted?: string; counterexamples?: string };
type TraceBody = { event: unknown; from: string | number; to: string | number };

/** How a subject evolves: the diff of two versions, a migration hop by hop, who can read what. */
export async function evolutionRoutes(app: FastifyInstance, { ctx }: RouteOptions): Promise<void> {
  app.get<{ Params: SubjectParams; Querystring: DiffQuery }>(
    '/subjects/:subject/diff',
    {
      schema: {
        params: subjectParams,
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'string', minLength: 1, maxLength: 100 },
            to: { type: 'string', minLength: 1, maxLength: 100 },
            deleted: booleanFlag,
            counterexamples: booleanFlag,
          },
          required: ['from', 'to'],
        },
      },
    },
    async (request) =>
      diffVersions(ctx, request.params.subject, request.query.from, request.query.to, {
        includeDeleted: flag(request.query, 'deleted'),
        counterexamples: request.query.counterexamples !== 'false',
      }),
  );

  app.post<{ Params: SubjectParams; Body: TraceBody }>(
    '/subjects/:subject/upcast/trace',
    {
      schema: {
        params: subjectParams,
        body: { type: 'object', properties: { event: {}, from: versionRef, to: versionRef }, required: ['event', 'from', 'to'] },
      },
    },
    async (request) => traceMigration(ctx, request.params.subject, request.body),
  );

  app.get<{ Params: SubjectParams }>('/subjects/:subject/readability', { schema: { params: subjectParams } }, async (request) =>
    subjectReadability(ctx, request.params.subject),
  );
}
