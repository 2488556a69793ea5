import type { FastifyInstance } from 'fastify';
import { RegistryError } from '../../core/errors/index.js';
import { integer, flag, text } from '../http/query.js';
import { schemaIdsByGuid } from '../storage/schema-rows.js';
import { listSchemaVersions, versionsOfSchema } from '../storage/version-rows.js';
import { page, pagingOf } from './paging.js';
import type { StoredSchema } from '../registry/model.js';
import type { RouteOptions } from './route-context.js';

type IdParams = { id: string };
type GuidParams = { guid: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Confluent's name for the default context, in answers that list contexts. */
export const DEFAULT_CONTEXT = '.';

/** Confluent's `/schemas` routes: global ids are immutable, so their answers are cacheable forever. */
export async function schemaRoutes(app: FastifyInstance, { ctx }: RouteOptions): Promise<void> {
  const load = async (raw: string) => {
    const id = integer(raw, 'Schema id', { code: 'SCHEMA_NOT_FOUND' });
    const loaded = await ctx.schemas.load(ctx.db, id);
    if (!loaded) throw new RegistryError('SCHEMA_NOT_FOUND', `Schema ${id} not found`);
    return loaded.stored;
  };

  // The hottest read of every consumer: ids are immutable, so the serialised answer is kept too.
  const bodies = new Map<number, string>();
  app.get<{ Params: IdParams }>('/schemas/ids/:id', async (request, reply) => {
    const stored = await load(request.params.id);
    let body = bodies.get(stored.id);
    if (body === undefined) {
      body = JSON.stringify(schemaBody(stored));
      if (bodies.size >= 20_000) bodies.delete(bodies.keys().next().value!);
      bodies.set(stored.id, body);
    }
    return reply.send(body);
  });

  app.get<{ Params: IdParams }>('/schemas/ids/:id/schema', async (request, reply) =>
    reply.type('application/vnd.schemaregistry.v1+json').send((await load(request.params.id)).schema),
  );

  app.get<{ Params: IdParams }>('/schemas/ids/:id/subjects', async (request) => {
    const stored = await load(request.params.id);
    const versions = await versionsOfSchema(ctx.db, stored.id, flag(request.query, 'deleted'));
    return page([...new Set(versions.map((v) => v.subject))], request.query);
  });

  app.get<{ Params: IdParams }>('/schemas/ids/:id/versions', async (request) => {
    const stored = await load(request.params.id);
    const versions = await versionsOfSchema(ctx.db, stored.id, flag(request.query, 'deleted'));
    return page(versions.map((v) => ({ subject: v.subject, version: v.version, semver: v.semver })), request.query);
  });

  app.get('/schemas/types', async () => ['JSON']);

  // Every subject's versions as schemas, newest-only on request: what registry browsers list.
  app.get('/schemas', async (request) => {
    const { offset, limit } = pagingOf(request.query);
    const versions = await listSchemaVersions(ctx.db, {
      prefix: text(request.query, 'subjectPrefix'),
      includeDeleted: flag(request.query, 'deleted'),
      latestOnly: flag(request.query, 'latestOnly'),
      offset,
      limit,
    });
    return versions.map((v) => ({ subject: v.subject, version: v.version, id: v.id, semver: v.semver, ...schemaBody(v), ...(v.deleted ? { deleted: true } : {}) }));
  });

  // GUIDs name content: Confluent's header-based serde frames messages with them.
  app.get<{ Params: GuidParams }>('/schemas/guids/:guid', async (request) => {
    const [id] = await idsOfGuid(request.params.guid);
    if (id === undefined) throw new RegistryError('SCHEMA_NOT_FOUND', `Schema with GUID ${request.params.guid.slice(0, 64)} not found`);
    return schemaBody(await load(String(id)));
  });

  app.get<{ Params: GuidParams }>('/schemas/guids/:guid/ids', async (request) =>
    (await idsOfGuid(request.params.guid)).slice(0, 1).map((id) => ({ context: DEFAULT_CONTEXT, id })),
  );

  /** Ids with this GUID that a subject version uses; none for a malformed GUID. */
  const idsOfGuid = async (guid: string) => (GUID.test(guid) ? schemaIdsByGuid(ctx.db, guid.toLowerCase()) : []);
}

/** A schema as `/schemas/ids/{id}` and `/schemas/guids/{guid}` answer it: everything its id identifies. */
export function schemaBody(stored: StoredSchema): Record<string, unknown> {
  return {
    schemaType: 'JSON',
    schema: stored.schema,
    ...(stored.references.length > 0 ? { references: stored.references } : {}),
    ...(stored.metadata ? { metadata: stored.metadata } : {}),
    ...(stored.ruleSet ? { ruleSet: stored.ruleSet } : {}),
    guid: stored.guid,
  };
}
