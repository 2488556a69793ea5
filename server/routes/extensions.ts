import type { FastifyInstance } from 'fastify';
import { allConsumers, declareConsumer, getConsumer, removeConsumer, subjectReaders } from '../registry/consumers.js';
import { upcastEvent, validateEvent } from '../registry/events.js';
import { versionsOrNotFound } from '../registry/lookup.js';
import { listAudit } from '../storage/audit-rows.js';
import { integer, text } from '../http/query.js';
import { actorOf, type RouteOptions, type SubjectParams, type VersionParams } from './route-context.js';

type GroupParams = { group: string };

/** Charter's additive paths: semver history, event validation and migration, consumers, audit. */
export async function extensionRoutes(app: FastifyInstance, { ctx }: RouteOptions): Promise<void> {
  app.get<{ Params: SubjectParams }>('/subjects/:subject/semvers', async (request) =>
    (await versionsOrNotFound(ctx.db, request.params.subject)).map((v) => ({ version: v.version, semver: v.semver, id: v.id })),
  );

  app.post<{ Params: VersionParams }>('/subjects/:subject/versions/:version/validate', async (request) =>
    validateEvent(ctx, request.params.subject, request.params.version, request.body),
  );

  app.post<{ Params: SubjectParams }>('/subjects/:subject/upcast', async (request) => upcastEvent(ctx, request.params.subject, request.body));

  app.get<{ Params: SubjectParams }>('/subjects/:subject/readers', async (request) => subjectReaders(ctx, request.params.subject));

  app.get('/consumers', async () => allConsumers(ctx));
  app.get<{ Params: GroupParams }>('/consumers/:group', async (request) => getConsumer(ctx, request.params.group));
  app.put<{ Params: GroupParams }>('/consumers/:group', async (request) =>
    declareConsumer(ctx, actorOf(request), request.params.group, request.body),
  );
  app.delete<{ Params: GroupParams }>('/consumers/:group', async (request) => removeConsumer(ctx, actorOf(request), request.params.group));

  app.get('/audit', async (request) => {
    const before = text(request.query, 'before');
    const limit = text(request.query, 'limit');
    const entries = await listAudit(ctx.db, {
      before: before === undefined ? undefined : integer(before, 'before', { max: Number.MAX_SAFE_INTEGER }),
      limit: limit === undefined ? 100 : integer(limit, 'limit', { max: 1000 }),
      subject: text(request.query, 'subject'),
    });
    return { entries, ...(entries.length > 0 ? { next: entries.at(-1)!.id } : {}) };
  });
}
