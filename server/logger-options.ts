import type { FastifyServerOptions } from 'fastify';
import pretty from 'pino-pretty';
import type { ServerConfig } from './config.js';

/** Never logged, whatever the level: credentials a client presents. */
const redact = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'];

/**
 * The server's logger: off at `silent`; otherwise pino at the configured level, writing JSON lines
 * for collectors or, with `pretty`, one readable line per entry through pino-pretty (coloured only
 * when stdout is a terminal). Redaction applies before either format sees an entry.
 */
export function loggerOptions(config: Pick<ServerConfig, 'logLevel' | 'logFormat'>): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent') return false;
  if (config.logFormat !== 'pretty') return { level: config.logLevel, redact };
  const stream = pretty({ colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true });
  return { level: config.logLevel, redact, stream };
}
