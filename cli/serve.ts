import { parseArgs } from 'node:util';
import { loadServerConfig, serverSettings, startServer } from '../server/index.js';
import { packageVersion } from './package-version.js';
import { UsageError } from './usage-error.js';

export const serveHelp = `charter serve [options]

Runs the registry. Every option also reads an environment variable (flags win).
${serverSettings.map((s) => `  --${s.flag.padEnd(14)} ${s.env.padEnd(20)} ${s.help} (default: ${s.fallback || 'unset'})`).join('\n')}`;

/** `charter serve`: starts the registry and drains it cleanly on SIGTERM / SIGINT. */
export async function serve(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: Object.fromEntries(serverSettings.map((s) => [s.flag, { type: s.flag === 'memory' ? ('boolean' as const) : ('string' as const) }])),
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${serveHelp}`);
  }
  let config;
  try {
    config = loadServerConfig(values as Record<string, string | boolean>);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const server = await startServer(config, { version: await packageVersion() });
  const store = config.store.kind === 'postgres' ? `PostgreSQL ${server.db.location}` : `PGlite at ${server.db.location}`;
  process.stdout.write(`Charter registry ${await packageVersion()} listening on ${server.url}\nData: ${store}\n`);
  for (const warning of server.warnings) process.stderr.write(`Warning: ${warning}\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stdout.write(`${signal}: draining requests and closing the store…\n`);
      server.close().then(resolve, (error: unknown) => {
        process.stderr.write(`error while closing: ${(error as Error).message}\n`);
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}
