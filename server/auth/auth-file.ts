import { readFile, rename, writeFile } from 'node:fs/promises';
import { RegistryError } from '../../core/errors/index.js';
import type { StoredKey } from './api-keys.js';
import { parseGrant } from './roles.js';

/** How bearer JWTs are verified; roles come from `rolesClaim` (a dotted path, e.g. `realm_access.roles`). */
export interface JwtSettings {
  /** A JWKS URL (https://…) or a JWKS file path, relative to the auth file. */
  jwks: string;
  issuer: string;
  audience?: string;
  rolesClaim: string;
}

/**
 * The `--auth-file` document. One JSON file, so keys can be managed with `charter keys` and the
 * whole policy reviewed in one place:
 *
 * @example
 * { "metrics": "admin",
 *   "keys": [{ "id": "ck_…", "name": "ci", "roles": ["writer:order.*"], "hash": "sha256:…", "created": "…" }],
 *   "jwt": { "jwks": "https://idp/jwks.json", "issuer": "https://idp/", "audience": "charter", "rolesClaim": "roles" } }
 */
export interface AuthFile {
  /** Who may scrape `/metrics`: anyone (`public`) or an unscoped admin (`admin`, the default). */
  metrics: 'public' | 'admin';
  keys: StoredKey[];
  jwt?: JwtSettings;
}

export const emptyAuthFile = (): AuthFile => ({ metrics: 'admin', keys: [] });

/** Validates the document's shape; every role string must parse, so a typo cannot grant more. */
export function parseAuthFile(raw: unknown, origin: string): AuthFile {
  const fail = (why: string): never => {
    throw new RegistryError('BAD_REQUEST', `Auth file ${origin}: ${why}`);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('must be a JSON object');
  const doc = raw as Record<string, unknown>;
  const metrics = doc.metrics ?? 'admin';
  if (metrics !== 'public' && metrics !== 'admin') fail(`"metrics" must be "public" or "admin"`);
  const keys = doc.keys ?? [];
  if (!Array.isArray(keys)) fail('"keys" must be an array');
  for (const [i, key] of (keys as Record<string, unknown>[]).entries()) {
    const where = `keys[${i}]`;
    if (typeof key?.id !== 'string' || typeof key.name !== 'string' || typeof key.hash !== 'string') fail(`${where} needs string id, name and hash`);
    if (!/^sha256:[0-9a-f]{64}$/.test(key.hash as string)) fail(`${where}.hash must be sha256:<64 hex digits>`);
    if (!Array.isArray(key.roles) || !key.roles.every((r) => typeof r === 'string')) fail(`${where}.roles must be an array of strings`);
    for (const role of key.roles as string[]) parseGrant(role);
  }
  let jwt: JwtSettings | undefined;
  if (doc.jwt !== undefined) {
    const j = doc.jwt as Record<string, unknown>;
    if (typeof j?.jwks !== 'string' || typeof j.issuer !== 'string') fail('"jwt" needs string "jwks" and "issuer"');
    if (j.audience !== undefined && typeof j.audience !== 'string') fail('"jwt.audience" must be a string');
    jwt = { jwks: j.jwks as string, issuer: j.issuer as string, rolesClaim: typeof j.rolesClaim === 'string' ? j.rolesClaim : 'roles' };
    if (j.audience !== undefined) jwt.audience = j.audience as string;
  }
  return { metrics, keys: keys as StoredKey[], ...(jwt ? { jwt } : {}) } as AuthFile;
}

export async function readAuthFile(path: string): Promise<AuthFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new RegistryError('BAD_REQUEST', `Cannot read auth file ${path}: ${(error as Error).message}`, {}, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new RegistryError('BAD_REQUEST', `Auth file ${path} is not valid JSON: ${(error as Error).message}`, {}, { cause: error });
  }
  return parseAuthFile(raw, path);
}

/** Writes beside the file then renames, so a running server never reads half a document. */
export async function writeAuthFile(path: string, file: AuthFile): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
