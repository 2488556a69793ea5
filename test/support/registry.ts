import { startServer, type RunningServer, type ServerConfig, type StoreOptions } from '../../server/index.js';

export interface TestRegistry {
  url: string;
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * A real Charter server listening on a random loopback port, on a throw-away in-memory store
 * unless a store is given. Tests talk to it over HTTP like any client would.
 */
export async function startRegistry(
  options: { store?: StoreOptions; bodyLimit?: number; auth?: Pick<ServerConfig, 'authFile' | 'rateLimit' | 'tls' | 'authFailureLimit'> } = {},
): Promise<TestRegistry> {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    store: options.store ?? { kind: 'pglite' },
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    logLevel: 'silent',
    ...options.auth,
  });
  return { url: server.url, server, close: () => server.close() };
}

/** JSON over fetch, returning status and parsed body: what the API tests assert on. */
export async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (metrics, raw text): keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
