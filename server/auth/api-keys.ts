import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A key as the auth file stores it: never the secret, only its SHA-256. */
export interface StoredKey {
  /** Public identifier, the user half of `key:secret`. */
  id: string;
  /** Human name; the audit log records `key:<name>`. */
  name: string;
  roles: string[];
  /** `sha256:<hex>` of the secret. */
  hash: string;
  created: string;
  revoked?: string;
}

/**
 * A new key. The secret is 32 random bytes, so a plain SHA-256 is as strong as a slow KDF here
 * (there is nothing to brute-force) and costs microseconds per request instead of scrypt's tens of
 * milliseconds.
 */
export function generateKey(name: string, roles: string[], now = new Date()): { stored: StoredKey; credential: string } {
  const id = `ck_${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  return { stored: { id, name, roles, hash: hashSecret(secret), created: now.toISOString() }, credential: `${id}:${secret}` };
}

export function hashSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

/** Compares digests of equal length in constant time, so response timing reveals nothing. */
export function secretMatches(stored: StoredKey, secret: string): boolean {
  const expected = Buffer.from(stored.hash, 'utf8');
  const actual = Buffer.from(hashSecret(secret), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A digest to compare against when the key id is unknown, so unknown and wrong take equal time. */
export const decoyKey: StoredKey = { id: '', name: '', roles: [], hash: hashSecret(randomBytes(32).toString('base64url')), created: '' };
