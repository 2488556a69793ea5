import type { FastifyInstance } from 'fastify';
import { checkSchemaCompatibility } from '../registry/check-compatibility.js';
import { assertValidSubject } from '../../core/policy/index.js';
import { parseVersionSelector } from '../registry/version-param.js';
import { flag } from '../http/query.js';
import type { RouteOptions, SubjectParams, VersionParams } from './route-context.js';

/** `POST /compatibility/subjects/{s}/versions[/{v}]`: would this schema be accepted? Writes nothing. */
export async function compatibilityRoutes(app: FastifyInstance, { ctx }: RouteOptions): Promise<void> {
  app.post<{ Params: SubjectParams }>('/compatibility/subjects/:subject/versions', async (request) => {
    assertValidSubject(request.params.subject);
    return checkSchemaCompatibility(ctx, request.params.subject, undefined, request.body, {
      verbose: flag(request.query, 'verbose'),
      normalize: flag(request.query, 'normalize'),
    });
  });
  app.post<{ Params: VersionParams }>('/compatibility/subjects/:subject/versions/:version', async (request) => {
    assertValidSubject(request.params.subject);
    return checkSchemaCompatibility(ctx, request.params.subject, parseVersionSelector(request.params.version), request.body, {
      verbose: flag(request.query, 'verbose'),
      normalize: flag(request.query, 'normalize'),
    });
  });
}
