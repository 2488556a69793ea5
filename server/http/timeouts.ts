/**
 * How long the server waits on a client. Without bounds a slow or hostile client (headers sent,
 * then the body trickled a byte a minute) holds a socket and a request slot forever; enough of
 * them and a shared registry stops answering deploys.
 */
export interface ServerTimeouts {
  /** The whole request (headers and body) must arrive within this (Node `requestTimeout`). */
  requestMs: number;
  /** The headers must arrive within this (Node `headersTimeout`; must not exceed requestMs). */
  headersMs: number;
  /** A socket with no traffic at all is closed after this (fastify `connectionTimeout`). */
  idleMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
  /** How often Node sweeps connections for the two timeouts above; it bounds their precision. */
  checkIntervalMs: number;
}

export const defaultServerTimeouts: ServerTimeouts = Object.freeze({
  requestMs: 30_000,
  headersMs: 10_000,
  idleMs: 60_000,
  keepAliveMs: 72_000,
  checkIntervalMs: 1_000,
});

/** The fastify options that carry the timeouts (the `http` part goes to `http.createServer`). */
export function timeoutOptions(overrides: Partial<ServerTimeouts> = {}) {
  const t = { ...defaultServerTimeouts, ...overrides };
  const headersMs = Math.min(t.headersMs, t.requestMs);
  return {
    requestTimeout: t.requestMs,
    connectionTimeout: t.idleMs,
    keepAliveTimeout: t.keepAliveMs,
    serverOptions: { headersTimeout: headersMs, connectionsCheckingInterval: t.checkIntervalMs },
  };
}
