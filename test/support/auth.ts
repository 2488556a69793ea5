import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyAuthFile, generateKey, writeAuthFile, type AuthFile } from '../../server/auth/index.js';

/** A throw-away folder for auth files, certificates and key sets. */
export async function tempDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'charter-auth-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Writes an auth file with one key per entry of `roles` (name → role list) and returns each key's
 * `key:secret` credential, the way `charter keys create` would have printed it.
 */
export async function writeKeys(
  path: string,
  roles: Record<string, string[]>,
  extra: Partial<AuthFile> = {},
): Promise<Record<string, string>> {
  const file = { ...emptyAuthFile(), ...extra };
  const credentials: Record<string, string> = {};
  for (const [name, grants] of Object.entries(roles)) {
    const { stored, credential } = generateKey(name, grants);
    file.keys.push(stored);
    credentials[name] = credential;
  }
  await writeAuthFile(path, file);
  return credentials;
}

export const basic = (credential: string) => ({ authorization: `Basic ${Buffer.from(credential).toString('base64')}` });
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
