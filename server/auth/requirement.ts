import type { Permission } from './permissions.js';
import { grantsAllow, type Grant, type Role, type Target } from './roles.js';

/**
 * The role a permission asks for and where, for a call naming `subject` (when the route has one);
 * `undefined` when any authenticated caller may make the call. `escalated` replaces the role when
 * one of the route's admin-only conditions applies. The request hooks and `GET /whoami` both ask
 * this, so what the console offers is exactly what the API allows.
 */
export function requirement(permission: Permission, subject: string | undefined, escalated?: Role): { role: Role; target: Target } | undefined {
  const { access } = permission;
  if (access.kind === 'authenticated' || access.kind === 'probe' || access.kind === 'static') return undefined;
  const needed = access.kind === 'metrics' ? { role: 'admin' as const, on: 'all' as const } : access;
  if (needed.on === 'subject' && subject === undefined) {
    throw new TypeError('a subject-scoped permission was asked about without a subject');
  }
  const target: Target = needed.on === 'subject' ? { on: 'subject', subject: subject! } : { on: needed.on };
  return { role: escalated ?? needed.role, target };
}

/** Whether grants cover a permission for a call naming `subject`. */
export function permits(grants: readonly Grant[], permission: Permission, subject?: string, escalated?: Role): boolean {
  const needed = requirement(permission, subject, escalated);
  return needed === undefined || grantsAllow(grants, needed.role, needed.target);
}
