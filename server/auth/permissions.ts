import type { Role } from './roles.js';
import type { CheckName, EscalationName, FilterName } from './rules.js';

/**
 * Who may call a route at all:
 * - `probe`: anyone, never rate limited (orchestrators' liveness and readiness probes);
 * - `static`: anyone (the console's HTML, scripts and styles, which hold no registry data);
 * - `metrics`: anyone or an unscoped admin, as the auth file's `metrics` says;
 * - `authenticated`: any valid principal, whatever its roles;
 * - a role over the route's `{subject}`, over every subject (`all`: only unscoped grants reach
 *   global settings), or over `any` subject (the answer is then filtered or checked further).
 */
export type Access =
  | { kind: 'probe' }
  | { kind: 'static' }
  | { kind: 'metrics' }
  | { kind: 'authenticated' }
  | { kind: 'role'; role: Role; on: 'subject' | 'all' | 'any' };

export interface Permission {
  access: Access;
  /** Named conditions that make the same call admin-only (imports, hard deletes). */
  adminWhen?: EscalationName;
  /** Named checks on the body or the store that must also pass. */
  also?: CheckName[];
  /** Named filter that drops from the answer what the principal may not read. */
  filter?: FilterName;
}

const probe: Permission = { access: { kind: 'probe' } };
const authenticated: Permission = { access: { kind: 'authenticated' } };
const role = (r: Role, on: 'subject' | 'all' | 'any', extra: Omit<Permission, 'access'> = {}): Permission => ({ access: { kind: 'role', role: r, on }, ...extra });
const readSubject = role('reader', 'subject');
const readSchemaId = (filter?: FilterName) => role('reader', 'any', { also: ['schema id used by a readable subject'], ...(filter ? { filter } : {}) });
const deleteInSubject = role('writer', 'subject', { adminWhen: 'permanent delete' });
const withReferences = (permission: Permission): Permission => ({ ...permission, also: [...(permission.also ?? []), 'referenced subjects readable'] });
/** Reads that run the subject's stored schemas (and so everything they reference) against input. */
const runsSubjectSchemas = (permission: Permission): Permission => ({ ...permission, also: [...(permission.also ?? []), "subject's references readable"] });

/**
 * Every route, by `METHOD` and fastify route pattern. A route missing here answers 403 to everyone
 * (fail closed), and a test walks fastify's route table to prove none is missing.
 */
export const permissions: Record<string, Permission> = {
  'GET /': authenticated,
  'GET /healthz': probe,
  'GET /readyz': probe,
  'GET /metrics': { access: { kind: 'metrics' } },
  'GET /openapi.json': authenticated,

  'GET /subjects': role('reader', 'any', { filter: 'readable subjects' }),
  'POST /subjects/:subject': withReferences(readSubject),
  'DELETE /subjects/:subject': deleteInSubject,
  'GET /subjects/:subject/versions': readSubject,
  'POST /subjects/:subject/versions': withReferences(runsSubjectSchemas(role('writer', 'subject', { adminWhen: 'import with id or version' }))),
  'POST /subjects/:subject/versions/batch': withReferences(runsSubjectSchemas(role('writer', 'subject', { adminWhen: 'config written by a batch' }))),
  'GET /subjects/:subject/versions/:version': readSubject,
  'DELETE /subjects/:subject/versions/:version': deleteInSubject,
  'GET /subjects/:subject/versions/:version/schema': readSubject,
  'GET /subjects/:subject/versions/:version/referencedby': readSubject,
  'GET /subjects/:subject/metadata': readSubject,

  'GET /schemas/ids/:id': readSchemaId(),
  'GET /schemas/ids/:id/schema': readSchemaId(),
  'GET /schemas/ids/:id/subjects': readSchemaId('readable subjects'),
  'GET /schemas/ids/:id/versions': readSchemaId('readable subject versions'),
  'GET /schemas/types': authenticated,

  // A compatibility check reads every version it compares against: read on the subject, or the
  // check becomes a side door into subjects the caller cannot see.
  'POST /compatibility/subjects/:subject/versions': withReferences(runsSubjectSchemas(readSubject)),
  'POST /compatibility/subjects/:subject/versions/:version': withReferences(runsSubjectSchemas(readSubject)),

  'GET /config': role('reader', 'any'),
  'PUT /config': role('admin', 'all'),
  'DELETE /config': role('admin', 'all'),
  'GET /config/:subject': readSubject,
  'PUT /config/:subject': role('admin', 'subject'),
  'DELETE /config/:subject': role('admin', 'subject'),
  'GET /mode': role('reader', 'any'),
  'PUT /mode': role('admin', 'all'),
  'DELETE /mode': role('admin', 'all'),
  'GET /mode/:subject': readSubject,
  'PUT /mode/:subject': role('admin', 'subject', { adminWhen: 'IMPORT mode' }),
  'DELETE /mode/:subject': role('admin', 'subject'),

  'GET /subjects/:subject/semvers': readSubject,
  'POST /subjects/:subject/versions/:version/validate': runsSubjectSchemas(readSubject),
  'POST /subjects/:subject/upcast': runsSubjectSchemas(readSubject),
  'GET /subjects/:subject/readers': readSubject,
  'GET /consumers': role('reader', 'any', { filter: 'readable consumer declarations' }),
  'GET /consumers/:group': role('reader', 'any', { also: ['declaration visible'], filter: 'readable consumer declarations' }),
  'PUT /consumers/:group': role('writer', 'any', { also: ['declared subjects readable', 'existing declaration readable'] }),
  'DELETE /consumers/:group': role('writer', 'any', { also: ['existing declaration readable'] }),
  'GET /audit': role('admin', 'all'),

  // The console's reads: the same rules as the reads they combine.
  'GET /whoami': authenticated,
  'GET /catalog': role('reader', 'any', { filter: 'readable subject versions' }),
  'GET /subjects/:subject/history': readSubject,
  'GET /subjects/:subject/versions/:version/examples': readSubject,
  'GET /subjects/:subject/diff': readSubject,
  'POST /subjects/:subject/upcast/trace': runsSubjectSchemas(readSubject),
  'GET /subjects/:subject/readability': readSubject,
  // The console's own files hold no registry data: the sign-in page must load before sign-in.
  'GET /ui': { access: { kind: 'static' } },
  'GET /ui/:file': { access: { kind: 'static' } },
  'GET /ui/assets/:file': { access: { kind: 'static' } },
};

/** The rule for a request's route; HEAD shares its GET's rule (fastify serves both). */
export function permissionFor(method: string, url: string | undefined): Permission | undefined {
  if (url === undefined) return undefined;
  return permissions[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}
