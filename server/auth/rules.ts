import type { FastifyRequest } from 'fastify';
import { RegistryError } from '../../core/errors/index.js';
import { flag } from '../http/query.js';
import type { RegistryContext } from '../registry/context.js';
import { readConsumer } from '../storage/consumer-rows.js';
import { versionsOfSchema } from '../storage/version-rows.js';
import type { Escalation } from './requirement.js';
import { subjectsReachedBy, subjectsReachedFrom } from '../storage/reference-closure.js';
import { canRead, grantsAllow, type Grant } from './roles.js';

const bodyOf = (request: FastifyRequest): Record<string, unknown> =>
  request.body !== null && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {};

const forbidden = (message: string) => new RegistryError('FORBIDDEN', message);

/**
 * Conditions under which a call needs more than its route's role: `to` is what it needs instead.
 * `readsBody` says whether the condition can be judged before the body is parsed (then it is, so
 * a refused caller never gets as far as a body error).
 */
export const escalations = {
  // Hard deletes destroy history other services may still need to read their old events.
  'permanent delete': { readsBody: false, to: { role: 'admin' }, applies: (request: FastifyRequest) => flag(request.query, 'permanent') },
  // Imports choose schema ids, and ids are global: an import under one prefix can take (or exhaust)
  // ids every other subject needs. Confluent keeps IMPORT for global admins too.
  'import with id or version': {
    readsBody: true,
    to: { role: 'admin', everySubject: true },
    applies: (request: FastifyRequest) => bodyOf(request).id !== undefined || bodyOf(request).version !== undefined,
  },
  // A batch may set the subject's config (as `PUT /config/{s}` does, an admin's call) when it writes.
  'config written by a batch': {
    readsBody: true,
    to: { role: 'admin' },
    applies: (request: FastifyRequest) => bodyOf(request).config != null && !flag(request.query, 'dryRun'),
  },
  'IMPORT mode': {
    readsBody: true,
    to: { role: 'admin', everySubject: true },
    applies: (request: FastifyRequest) => String(bodyOf(request).mode).toUpperCase() === 'IMPORT',
  },
} satisfies Record<string, { readsBody: boolean; to: Escalation; applies: (request: FastifyRequest) => boolean }>;

type Check = (request: FastifyRequest, grants: readonly Grant[], ctx: RegistryContext) => Promise<void>;

/** Further checks a route needs beyond its role: things only the body or the store can tell. */
export const checks = {
  // A reference pulls another subject's schema into the one being registered or compared, and so
  // do that schema's own references: every subject in the closure must be readable, or `$ref`
  // becomes a side door (validation errors echo a hidden schema's enums and patterns).
  'referenced subjects readable': async (request, grants, ctx) => {
    const body = bodyOf(request);
    // A batch (`/versions/batch`) carries the references in each of its versions.
    const versions = Array.isArray(body.versions) ? (body.versions as Array<{ references?: unknown } | null>) : [body];
    const references = versions.flatMap((version) => (Array.isArray(version?.references) ? (version.references as unknown[]) : []));
    const named = references.flatMap((reference) => {
      const { subject, version } = (reference ?? {}) as { subject?: unknown; version?: unknown };
      return typeof subject === 'string' ? [{ subject, version: typeof version === 'number' && Number.isSafeInteger(version) ? version : -1 }] : [];
    });
    for (const { subject } of named) if (!canRead(grants, subject)) throw forbidden(`Not allowed to read the referenced subject '${subject}'`);
    const hidden = (await subjectsReachedFrom(ctx.db, named)).find((subject) => !canRead(grants, subject));
    if (hidden !== undefined) throw forbidden(`Not allowed to read the subject '${hidden}', which a reference reaches through another reference`);
  },
  // The stored versions of the route's subject may reference subjects the caller cannot read
  // (registered by someone who could): validating or upcasting against them would show them.
  "subject's references readable": async (request, grants, ctx) => {
    const subject = (request.params as { subject?: unknown }).subject;
    if (typeof subject !== 'string') return;
    const hidden = (await subjectsReachedBy(ctx.db, subject)).find((reached) => !canRead(grants, reached));
    if (hidden !== undefined) throw forbidden(`Not allowed to use '${subject}' here: its schemas reference the subject '${hidden}', which this principal may not read`);
  },
  // Ids are global; an id is readable through any subject the principal may read that uses it.
  // An id no subject uses is left to the route, which answers 404 without revealing anything.
  // A schema no subject uses any more (its subjects were hard deleted) is gone for everyone but a
  // global admin: ids are sequential, so a reader could otherwise enumerate deleted schemas.
  'schema id used by a readable subject': async (request, grants, ctx) => {
    const id = Number((request.params as { id?: string }).id);
    if (!Number.isSafeInteger(id)) return;
    const users = await versionsOfSchema(ctx.db, id, true);
    if (users.length === 0 && !grantsAllow(grants, 'admin', { on: 'all' })) throw new RegistryError('SCHEMA_NOT_FOUND', `Schema ${id} not found`);
    if (users.length > 0 && !users.some((v) => canRead(grants, v.subject))) throw forbidden(`Not allowed to read schema ${id}`);
  },
  // A consumer group may only declare that it reads subjects its principal can read.
  'declared subjects readable': async (request, grants) => {
    for (const subject of Object.keys(bodyOf(request))) {
      if (!canRead(grants, subject)) throw forbidden(`Not allowed to declare a reader of '${subject}'`);
    }
  },
  // A group is visible to a principal when it declares at least one subject the principal may
  // read; asking for any other group answers exactly as for a group that does not exist.
  'declaration visible': async (request, grants, ctx) => {
    const group = String((request.params as { group?: unknown }).group);
    const existing = await readConsumer(ctx.db, group);
    if (existing && !Object.keys(existing).some((subject) => canRead(grants, subject))) {
      throw new RegistryError('CONSUMER_NOT_FOUND', `Consumer group '${group}' has declared nothing`);
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
