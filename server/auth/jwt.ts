import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { JwtSettings } from './auth-file.js';

export type JwtVerifier = (token: string) => Promise<{ subject: string; roles: string[] } | { error: string }>;

/**
 * Builds a verifier over a JWKS file or URL. Remote key sets are fetched lazily and cached by jose
 * (re-fetched when a token names an unknown `kid`), so key rotation at the IdP needs no restart.
 */
/** A local JWKS, relative to the auth file; failures name both files. */
async function readJwksFile(jwks: string, authFilePath: string): Promise<Parameters<typeof createLocalJWKSet>[0]> {
  const file = resolve(dirname(authFilePath), jwks);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${authFilePath}: jwt.jwks file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text) as Parameters<typeof createLocalJWKSet>[0];
  } catch (error) {
    throw new Error(`${authFilePath}: jwt.jwks file ${file} is not JSON (${(error as Error).message})`);
  }
}

export async function createJwtVerifier(settings: JwtSettings, authFilePath: string): Promise<JwtVerifier> {
  const keys = /^https?:\/\//.test(settings.jwks) ? createRemoteJWKSet(new URL(settings.jwks)) : createLocalJWKSet(await readJwksFile(settings.jwks, authFilePath));
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        ...(settings.audience ? { audience: settings.audience } : {}),
        clockTolerance: 5,
      }));
    } catch (error) {
      // jose's messages name the failed check (expiry, issuer, signature) without echoing the token.
      return { error: error instanceof errors.JOSEError ? error.message : 'token could not be verified' };
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') return { error: 'the token has no "sub" claim' };
    return { subject: payload.sub, roles: rolesFrom(claimAt(payload, settings.rolesClaim)) };
  };
}

function claimAt(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

/** A roles claim is an array of strings or one space-separated string (OAuth's `scope` style). */
function rolesFrom(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((r): r is string => typeof r === 'string');
  return typeof claim === 'string' ? claim.split(/\s+/).filter(Boolean) : [];
}
