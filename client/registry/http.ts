import { RegistryError } from '../../core/errors/index.js';
import { errorFromResponse, RegistryUnavailableError } from './errors.js';
import { describeNetworkFailure } from './network-failure.js';

export type RegistryAuth = { username: string; password: string } | { token: string };

export interface HttpOptions {
  url: string;
  auth?: RegistryAuth;
  /** Per attempt. Default 5,000 ms. */
  timeoutMs?: number;
  /** Extra attempts after the first for network errors, timeouts and 5xx. Default 3. */
  retries?: number;
  /** First backoff delay; doubles each attempt, with jitter, capped at 2 s. Default 100 ms. */
  backoffMs?: number;
  /** Injected `fetch` (e.g. to count or trace requests); defaults to the global one. */
  fetch?: typeof fetch;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/**
 * Sends one JSON request to the registry and returns the parsed body. Infrastructure failures are
 * retried with exponential backoff; 4xx answers are the caller's problem and become typed errors at once.
 */
export class RegistryHttp {
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly fetchFn: typeof fetch;

  constructor(options: HttpOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.headers = { accept: `${CONTENT_TYPE}, application/json`, 'content-type': CONTENT_TYPE };
    if (options.auth !== undefined) this.headers.authorization = authorization(options.auth);
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 100;
    this.fetchFn = options.fetch ?? globalThis.fetch;
  }

  get url(): string {
    return this.base;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let lastCause: unknown;
    let attempts = 0;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      attempts++;
      if (attempt > 0) await sleep(this.delay(attempt));
      let response: Response;
      try {
        response = await this.fetchFn(this.base + path, {
          method,
          headers: this.headers,
          body: payload,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (cause) {
        lastCause = cause;
        if (describeNetworkFailure(cause).permanent) break;
        continue;
      }
      const parsed = await readBody(response);
      if (response.ok) return parsed as T;
      const error = errorFromResponse(response.status, parsed);
      if (response.status < 500) throw error;
      lastCause = error;
    }
    // The last 5xx (or network error) stays reachable as `cause`; callers switch on one class.
    const status = lastCause instanceof RegistryError ? lastCause.status : undefined;
    const reason = lastCause instanceof RegistryError ? `HTTP ${lastCause.status}` : describeNetworkFailure(lastCause).description;
    throw new RegistryUnavailableError(
      'STORE_UNAVAILABLE',
      `registry at ${this.base} unavailable after ${attempts} attempt(s) (${method} ${path}): ${reason}`,
      { attempts, ...(status === undefined ? {} : { lastStatus: status }) },
      { cause: lastCause },
    );
  }

  private delay(attempt: number): number {
    const capped = Math.min(2_000, this.backoffMs * 2 ** (attempt - 1));
    // Full jitter keeps a fleet of clients from retrying in lock-step after an outage.
    return capped / 2 + Math.random() * (capped / 2);
  }
}

function authorization(auth: RegistryAuth): string {
  if ('token' in auth) return `Bearer ${auth.token}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
