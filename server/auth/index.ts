/**
 * `server/auth`: API keys, JWTs, per-subject roles, the permission table and rate limits.
 *
 * @example
 * const auth = await Authenticator.open('./charter-auth.json');
 * installAuth(app, ctx, auth);      // before any route is registered
 * installRateLimit(app, 600);       // 600 requests per minute per principal
 */
export { Authenticator, type Principal } from './authenticator.js';
export { installAuth, principalOf } from './install-auth.js';
export { whoAmI, capabilityRoutes, type Capability, type WhoAmI } from './capabilities.js';
export { installRateLimit } from './rate-limit.js';
export { permissions, permissionFor, type Permission, type Access } from './permissions.js';
export { parseGrant, formatGrant, grantsAllow, type Grant, type Role } from './roles.js';
export { generateKey, type StoredKey } from './api-keys.js';
export { readAuthFile, writeAuthFile, parseAuthFile, emptyAuthFile, type AuthFile, type JwtSettings } from './auth-file.js';
