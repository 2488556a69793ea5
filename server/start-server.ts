import { mkdir, readFile } from 'node:fs/promises';
import { buildApp, type CharterApp } from './app.js';
import { Authenticator } from './auth/index.js';
import type { ServerConfig } from './config.js';
import { loggerOptions } from './logger-options.js';
import { unsafeSettings } from './unsafe-settings.js';
import { openStore } from './storage/open-store.js';
import type { SqlDriver } from './storage/sql-driver.js';

export interface RunningServer extends CharterApp {
  url: string;
  db: SqlDriver;
  /** Unsafe settings found at start-up (also logged at warn): `charter serve` prints them. */
  warnings: string[];
  /** Stops accepting requests, drains those in flight, then closes the store. */
  close(): Promise<void>;
}

/** Opens the store, builds the app and listens: what `charter serve` and the tests run. */
export async function startServer(config: ServerConfig, options: { version?: string } = {}): Promise<RunningServer> {
  // Auth and TLS files are read before the store opens, so a bad path fails fast and leaks nothing.
  let onAuthReloadError = (_error: Error) => {};
  const auth = config.authFile ? await Authenticator.open(config.authFile, { onReloadError: (error) => onAuthReloadError(error) }) : undefined;
  const https = config.tls ? { cert: await readFile(config.tls.certFile), key: await readFile(config.tls.keyFile) } : undefined;
  if (config.store.kind === 'pglite' && config.store.dataDir) await mkdir(config.store.dataDir, { recursive: true });
  const db = await openStore(config.store);
  const built = buildApp({
    db,
    bodyLimit: config.bodyLimit,
    version: options.version,
    ...(auth ? { auth } : {}),
    ...(https ? { https } : {}),
    ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
    ...(config.authFailureLimit ? { authFailureLimit: config.authFailureLimit } : {}),
    ...(config.compileWorkers !== undefined ? { compileWorkers: config.compileWorkers } : {}),
    logger: loggerOptions(config),
  });
  onAuthReloadError = (error) => built.app.log.error({ err: error }, 'auth file reload failed; keeping the previous policy');
  try {
    await built.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const warnings = unsafeSettings(config);
  for (const warning of warnings) built.app.log.warn(warning);
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    ...built,
    db,
    warnings,
    url: `${https ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    async close() {
      await built.app.close();
      await db.close();
    },
  };
}
