import { RegistryError } from '../../core/errors/index.js';

/** The three roles, each including the ones below it: admin ⊇ writer ⊇ reader. */
export const roleRank = { reader: 1, writer: 2, admin: 3 } as const;
export type Role = keyof typeof roleRank;

/** Which subjects a grant reaches: all of them, those under a prefix, or exactly one. */
export type SubjectScope = { kind: 'all' } | { kind: 'prefix'; prefix: string } | { kind: 'exact'; subject: string };

/** One role over one scope, parsed from `writer`, `writer:order.*` or `reader:orders-value`. */
export interface Grant {
  role: Role;
  scope: SubjectScope;
}

/** Parses a role string; a malformed one is a configuration error, never a silent widening. */
export function parseGrant(text: string): Grant {
  // Only the first ':' separates the role: a pattern may be a context-qualified subject (`:.team-a:*`).
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const rawRole = colon === -1 ? trimmed : trimmed.slice(0, colon);
  const pattern = colon === -1 ? undefined : trimmed.slice(colon + 1);
  if (!Object.hasOwn(roleRank, rawRole)) {
    throw new RegistryError('BAD_REQUEST', `Role '${text}' must be reader, writer or admin, optionally followed by :<subject or prefix.*>`);
  }
  const role = rawRole as Role;
  // A ':' inside a pattern is only a context-qualified subject (`:.team-a:orders`), never a third part.
  if (pattern !== undefined && pattern.includes(':') && !/^:\.[^:]*:[^:]*$/.test(pattern)) {
    throw new RegistryError('BAD_REQUEST', `Role '${text}': a ':' in a subject pattern must qualify it with a context, as in ':.team-a:orders*'`);
  }
  if (pattern === undefined || pattern === '*') return { role, scope: { kind: 'all' } };
  const star = pattern.indexOf('*');
  if (pattern === '' || (star !== -1 && star !== pattern.length - 1)) {
    throw new RegistryError('BAD_REQUEST', `Role '${text}': a subject pattern is a name or a prefix ending in a single '*'`);
  }
  return { role, scope: pattern.endsWith('*') ? { kind: 'prefix', prefix: pattern.slice(0, -1) } : { kind: 'exact', subject: pattern } };
}

export function formatGrant({ role, scope }: Grant): string {
  if (scope.kind === 'all') return role;
  return `${role}:${scope.kind === 'prefix' ? `${scope.prefix}*` : scope.subject}`;
}

export function scopeIncludes(scope: SubjectScope, subject: string): boolean {
  if (scope.kind === 'all') return true;
  return scope.kind === 'prefix' ? subject.startsWith(scope.prefix) : subject === scope.subject;
}

/**
 * Where a permission applies: one subject (the route's or the body's), every subject (global
 * config, the audit log — only an unscoped grant reaches those), or anywhere (a grant of the role
 * over any scope will do, e.g. listing subjects, which is filtered afterwards).
 */
export type Target = { on: 'subject'; subject: string } | { on: 'all' } | { on: 'any' };

export function grantsAllow(grants: readonly Grant[], role: Role, target: Target): boolean {
  return grants.some((grant) => {
    if (roleRank[grant.role] < roleRank[role]) return false;
    if (target.on === 'any') return true;
    if (target.on === 'all') return grant.scope.kind === 'all';
    return scopeIncludes(grant.scope, target.subject);
  });
}

export const canRead = (grants: readonly Grant[], subject: string) => grantsAllow(grants, 'reader', { on: 'subject', subject });
