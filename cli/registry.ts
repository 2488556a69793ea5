import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import { RegistryClient } from '../client/index.js';
import { RegistryHttp } from '../client/registry/http.js';
import { UsageError } from './usage-error.js';

/** The typed client plus raw HTTP for the admin paths (`/mode`, `/consumers`) the client does not wrap. */
export interface CliRegistry {
  client: RegistryClient;
  http: RegistryHttp;
  url: string;
}

// One retry only: a CI job should fail fast with the URL in the message, not back off for seconds.
const httpOptions = { retries: 1, backoffMs: 50, timeoutMs: 10_000 };

/**
 * Connects to `--registry URL`, sending `CHARTER_TOKEN` (an API key `key:secret` or a JWT) as a
 * bearer token when set. A malformed URL is a usage error (exit 2), not a network one.
 */
export function openRegistry(url: string, caFile?: string): CliRegistry {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new UsageError(`--registry '${url}' is not an http(s) URL`);
  }
  // Credentials come from the environment only: a flag would show the secret in process lists and CI logs.
  const token = process.env.CHARTER_TOKEN;
  const options = { url, ...httpOptions, ...(token ? { auth: { token } } : {}), ...(caFile ? { fetch: fetchTrusting(caFile) } : {}) };
  return { client: new RegistryClient(options), http: new RegistryHttp(options), url };
}

/**
 * `fetch` that trusts the certificates in `caFile` (PEM) besides the public CAs, for registries
 * behind a private CA. Node reads NODE_EXTRA_CA_CERTS only at start-up; a flag needs its own agent.
 */
function fetchTrusting(caFile: string): typeof fetch {
  let ca: string;
  try {
    ca = readFileSync(caFile, 'utf8');
  } catch (error) {
    throw new UsageError(`--ca ${caFile}: cannot read the certificate file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca ${caFile}: not a PEM certificate file`);
  const dispatcher = new Agent({ connect: { ca: [...rootCertificates, ca] } });
  return ((input: string, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}
