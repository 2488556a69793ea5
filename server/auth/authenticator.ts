import { stat } from 'node:fs/promises';
import { RegistryError } from '../../core/errors/index.js';
import { decoyKey, secretMatches } from './api-keys.js';
import { readAuthFile, type AuthFile } from './auth-file.js';
import type { Credentials } from './credentials.js';
import { createJwtVerifier, type JwtVerifier } from './jwt.js';
import { parseGrant, type Grant } from './roles.js';

/** Who is asking, and what they may do. `name` is what the audit log records. */
export interface Principal {
  name: string;
  grants: Grant[];
}

export type AuthOutcome = { principal: Principal } | { error: string };

interface Loaded {
  file: AuthFile;
  jwt?: JwtVerifier;
  mtimeMs: number;
}

/**
 * The auth file, loaded and kept current: `charter keys create|revoke` rewrite it, and the server
 * picks the change up within `reloadMs` without a restart. A file that fails to load on reload is
 * reported and the previous policy kept — a typo must not open or lock the registry.
 */
export class Authenticator {
  private checkedAt = 0;

  private constructor(
    readonly path: string,
    private loaded: Loaded,
    private readonly reloadMs: number,
    private readonly onReloadError: (error: Error) => void,
  ) {}

  static async open(path: string, options: { reloadMs?: number; onReloadError?: (error: Error) => void } = {}): Promise<Authenticator> {
    return new Authenticator(path, await load(path), options.reloadMs ?? 1000, options.onReloadError ?? (() => undefined));
  }

  get metricsAccess(): AuthFile['metrics'] {
    return this.loaded.file.metrics;
  }

  async authenticate(credentials: Credentials): Promise<AuthOutcome> {
    const { file, jwt } = await this.current();
    if (credentials.kind === 'malformed') return { error: 'malformed Authorization header' };
    if (credentials.kind === 'jwt') {
      if (!jwt) return { error: 'bearer tokens are not accepted: no "jwt" section in the auth file' };
      const verified = await jwt(credentials.token);
      if ('error' in verified) return verified;
      // `key:` names API keys in the audit log; a token must not be able to pass for one.
      if (verified.subject.startsWith('key:')) return { error: 'a token "sub" may not start with "key:"' };
      // An IdP's claim may hold roles meant for other systems; only Charter's grammar counts.
      return { principal: { name: verified.subject, grants: verified.roles.flatMap(grantOrNothing) } };
    }
    const key = file.keys.find((k) => k.id === credentials.id);
    // Compare even for an unknown id, so timing does not reveal which ids exist.
    const matches = secretMatches(key ?? decoyKey, credentials.secret);
    if (!key || !matches || key.revoked) return { error: 'unknown, revoked or wrong API key' };
    return { principal: { name: `key:${key.name}`, grants: key.roles.map(parseGrant) } };
  }

  private async current(): Promise<Loaded> {
    const now = Date.now();
    if (now - this.checkedAt < this.reloadMs) return this.loaded;
    this.checkedAt = now;
    try {
      const { mtimeMs } = await stat(this.path);
      if (mtimeMs !== this.loaded.mtimeMs) this.loaded = await load(this.path);
    } catch (error) {
      this.onReloadError(error as Error);
    }
    return this.loaded;
  }
}

async function load(path: string): Promise<Loaded> {
  const { mtimeMs } = await stat(path).catch((error: Error) => {
    throw new RegistryError('BAD_REQUEST', `Cannot read auth file ${path}: ${error.message}`, {}, { cause: error });
  });
  const file = await readAuthFile(path);
  return { file, mtimeMs, ...(file.jwt ? { jwt: await createJwtVerifier(file.jwt, path) } : {}) };
}

function grantOrNothing(role: string): Grant[] {
  try {
    return [parseGrant(role)];
  } catch {
    return [];
  }
}
