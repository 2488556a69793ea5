import type { FastifyRequest } from 'fastify';
import { RegistryError } from '../../core/errors/index.js';
import { flag } from '../http/query.js';
import type { RegistryContext } from '../registry/context.js';
import { readConsumer } from '../storage/consumer-rows.js';
import { schemaIdsByGuid } from '../storage/schema-rows.js';
import { versionsOfSchema } from '../storage/version-rows.js';
import { canRead, type Grant } from './roles.js';

const bodyOf = (request: FastifyRequest): Record<string, unknown> =>
  request.body !== null && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {};

const forbidden = (message: string) => new RegistryError('FORBIDDEN', message);

/**
 * Conditions under which a call that a writer may make needs an admin instead. `readsBody` says
 * whether the condition can be judged before the body is parsed (then it is, so a refused caller
 * never gets as far as a body error).
 */
export const escalations = {
  // Hard deletes destroy history other services may still need to read their old events.
  'permanent delete': { readsBody: false, applies: (request: FastifyRequest) => flag(request.query, 'permanent') },
  // A registration carrying its own id or version is an IMPORT: it can collide with ids elsewhere.
  'import with id or version': {
    readsBody: true,
    applies: (request: FastifyRequest) => bodyOf(request).id !== undefined || bodyOf(request).version !== undefined,
  },
} satisfies Record<string, { readsBody: boolean; applies: (request: FastifyRequest) => boolean }>;

type Check = (request: FastifyRequest, grants: readonly Grant[], ctx: RegistryContext) => Promise<void>;

/** Further checks a route needs beyond its role: things only the body or the store can tell. */
export const checks = {
  // A reference pulls another subject's schema into the one being registered or compared.
  'referenced subjects readable': async (request, grants) => {
    const references = bodyOf(request).references;
    if (!Array.isArray(references)) return;
    for (const reference of references) {
      const subject = (reference as { subject?: unknown })?.subject;
      if (typeof subject === 'string' && !canRead(grants, subject)) throw forbidden(`Not allowed to read the referenced subject '${subject}'`);
    }
  },
  // Ids are global; an id is readable through any subject the principal may read that uses it.
  // An id no subject uses is left to the route, which answers 404 without revealing anything.
  'schema id used by a readable subject': async (request, grants, ctx) => {
    const id = Number((request.params as { id?: string }).id);
    if (!Number.isSafeInteger(id)) return;
    const users = await versionsOfSchema(ctx.db, id, true);
    if (users.length > 0 && !users.some((v) => canRead(grants, v.subject))) throw forbidden(`Not allowed to read schema ${id}`);
  },
  // The same for a GUID: readable through any readable subject that uses a schema carrying it.
  'schema guid used by a readable subject': async (request, grants, ctx) => {
    const guid = String((request.params as { guid?: string }).guid);
    if (!/^[0-9a-f-]{36}$/i.test(guid)) return;
    const users = (await Promise.all((await schemaIdsByGuid(ctx.db, guid.toLowerCase())).map((id) => versionsOfSchema(ctx.db, id, true)))).flat();
    if (users.length > 0 && !users.some((v) => canRead(grants, v.subject))) throw forbidden(`Not allowed to read schema ${guid}`);
  },
  // A consumer group may only declare that it reads subjects its principal can read.
  'declared subjects readable': async (request, grants) => {
    for (const subject of Object.keys(bodyOf(request))) {
      if (!canRead(grants, subject)) throw forbidden(`Not allowed to declare a reader of '${subject}'`);
    }
  },
  // Groups have no owner of record, so a declaration may only be replaced or removed by someone
  // who can read everything it currently declares: one team cannot erase another's readers.
  'existing declaration readable': async (request, grants, ctx) => {
    const existing = await readConsumer(ctx.db, String((request.params as { group?: unknown }).group));
    const hidden = Object.keys(existing ?? {}).find((subject) => !canRead(grants, subject));
    if (hidden !== undefined) throw forbidden(`Not allowed to change this consumer group: it declares a reader of '${hidden}'`);
  },
} satisfies Record<string, Check>;

type Declaration = { group: string; subjects: Record<string, string> };
const readableDeclaration = (declaration: Declaration, grants: readonly Grant[]): Declaration => ({
  ...declaration,
  subjects: Object.fromEntries(Object.entries(declaration.subjects ?? {}).filter(([subject]) => canRead(grants, subject))),
});

/** Filters over an answer, so lists only name what the principal may read. */
export const filters = {
  'readable subjects': (payload: unknown, grants: readonly Grant[]) =>
    Array.isArray(payload) ? payload.filter((subject) => typeof subject === 'string' && canRead(grants, subject)) : payload,
  'readable subject versions': (payload: unknown, grants: readonly Grant[]) =>
    Array.isArray(payload) ? payload.filter((row) => canRead(grants, String((row as { subject?: unknown })?.subject))) : payload,
  // A group whose every declared subject is hidden disappears from the list altogether.
  'readable consumer declarations': (payload: unknown, grants: readonly Grant[]) => {
    if (Array.isArray(payload)) {
      return payload.map((d: Declaration) => readableDeclaration(d, grants)).filter((d) => Object.keys(d.subjects).length > 0);
    }
    const single = payload as Partial<Declaration> | null;
    return single && typeof single.group === 'string' && single.subjects ? readableDeclaration(single as Declaration, grants) : payload;
  },
} satisfies Record<string, (payload: unknown, grants: readonly Grant[]) => unknown>;

export type EscalationName = keyof typeof escalations;
export type CheckName = keyof typeof checks;
export type FilterName = keyof typeof filters;
