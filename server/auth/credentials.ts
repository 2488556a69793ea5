/** What an `Authorization` header carries, before anything is verified. */
export type Credentials =
  | { kind: 'api-key'; id: string; secret: string }
  | { kind: 'jwt'; token: string }
  | { kind: 'malformed' };

/**
 * Reads `Basic base64(key:secret)` (what Confluent clients send from `basic.auth.user.info`),
 * `Bearer key:secret` and `Bearer <jwt>`. A JWT never contains ':', so the colon tells them apart.
 * Returns undefined when there is no header at all.
 */
export function parseAuthorization(header: string | undefined): Credentials | undefined {
  if (header === undefined || header === '') return undefined;
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (space < 0 || value === '') return { kind: 'malformed' };
  if (scheme === 'basic') return splitKey(Buffer.from(value, 'base64').toString('utf8'));
  if (scheme === 'bearer') return value.includes(':') ? splitKey(value) : { kind: 'jwt', token: value };
  return { kind: 'malformed' };
}

function splitKey(pair: string): Credentials {
  const colon = pair.indexOf(':');
  if (colon <= 0 || colon === pair.length - 1) return { kind: 'malformed' };
  return { kind: 'api-key', id: pair.slice(0, colon), secret: pair.slice(colon + 1) };
}

/** The challenge every 401 carries (RFC 9110 §11.6.1): either scheme is accepted. */
export const authenticateChallenge = 'Basic realm="charter", Bearer realm="charter"';
