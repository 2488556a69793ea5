import type { Principal } from './authenticator.js';
import { permissionFor } from './permissions.js';
import { permits } from './requirement.js';
import { formatGrant } from './roles.js';

/**
 * The write actions a client such as the console offers, each named after the route that carries
 * it out: the answer to "may I?" is the permission table's own answer for that route.
 */
export const capabilityRoutes = {
  register: 'POST /subjects/:subject/versions',
  deleteVersion: 'DELETE /subjects/:subject/versions/:version',
  deleteSubject: 'DELETE /subjects/:subject',
  configureSubject: 'PUT /config/:subject',
  setSubjectMode: 'PUT /mode/:subject',
  configureGlobal: 'PUT /config',
  setGlobalMode: 'PUT /mode',
  readAudit: 'GET /audit',
  declareConsumers: 'PUT /consumers/:group',
} as const;

export type Capability = keyof typeof capabilityRoutes;

export interface WhoAmI {
  principal: string;
  authentication: boolean;
  roles: string[];
  /** Each action, for `subject` when one was named; subject-scoped actions are left out otherwise. */
  may: Partial<Record<Capability, boolean>>;
}

/** What `GET /whoami` answers: who the caller is and which actions the API would let it make. */
export function whoAmI(principal: Principal | undefined, subject: string | undefined): WhoAmI {
  const may: WhoAmI['may'] = {};
  for (const [name, route] of Object.entries(capabilityRoutes) as Array<[Capability, string]>) {
    const [method, url] = route.split(' ') as [string, string];
    const permission = permissionFor(method, url)!;
    const scoped = permission.access.kind === 'role' && permission.access.on === 'subject';
    if (scoped && subject === undefined) continue;
    // Authentication off: every route is open to everyone.
    may[name] = principal === undefined || permits(principal.grants, permission, subject);
  }
  return principal === undefined
    ? { principal: 'anonymous', authentication: false, roles: [], may }
    : { principal: principal.name, authentication: true, roles: principal.grants.map(formatGrant), may };
}
