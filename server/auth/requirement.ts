import type { Permission } from './permissions.js';
import { grantsAllow, type Grant, type Role, type Target } from './roles.js';

/** What an admin-only condition asks for instead: a role, on the route's subject or on every subject. */
export interface Escalation {
  role: Role;
  /** Only an unscoped grant will do (IMPORT: ids are global, so a prefix cannot contain them). */
  everySubject?: boolean;
}

/**
 * The role a permission asks for and where, for a call naming `subject` (when the route has one);
 * `undefined` when any authenticated caller may make the call. `escalated` replaces the role (and,
 * when it says so, widens the target to every subject) when one of the route's admin-only
 * conditions applies. The request hooks and `GET /whoami` both ask
 * this, so what the console offers is exactly what the API allows.
 */
export function requirement(permission: Permission, subject: string | undefined, escalated?: Escalation): { role: Role; target: Target } | undefined {
  const { access } = permission;
  if (access.kind === 'authenticated' || access.kind === 'probe' || access.kind === 'static') return undefined;
  const needed = access.kind === 'metrics' ? { role: 'admin' as const, on: 'all' as const } : access;
  if (needed.on === 'subject' && subject === undefined) {
    throw new TypeError('a subject-scoped permission was asked about without a subject');
  }
  if (escalated?.everySubject) return { role: escalated.role, target: { on: 'all' } };
  const target: Target = needed.on === 'subject' ? { on: 'subject', subject: subject! } : { on: needed.on };
  return { role: escalated?.role ?? needed.role, target };
}

/** Whether grants cover a permission for a call naming `subject`. */
export function permits(grants: readonly Grant[], permission: Permission, subject?: string, escalated?: Escalation): boolean {
  const needed = requirement(permission, subject, escalated);
  return needed === undefined || grantsAllow(grants, needed.role, needed.target);
}
