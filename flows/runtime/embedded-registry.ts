import { startServer, type RunningServer } from '../../server/index.js';

/**
 * A Charter registry in this process, on a throw-away in-memory PGlite, on a free loopback port:
 * the zero-set-up default of the demo and the benchmark. Services still talk to it over HTTP.
 */
export function startEmbeddedRegistry(): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', store: { kind: 'pglite' }, bodyLimit: 1024 * 1024, logLevel: 'silent' });
}
