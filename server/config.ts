import { RegistryError } from '../core/errors/index.js';
import type { StoreOptions } from './storage/open-store.js';

/** Everything `charter serve` can be told, by flag or by environment variable. */
export interface ServerConfig {
  port: number;
  host: string;
  store: StoreOptions;
  bodyLimit: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** `pretty`: one readable line per entry (a person at a terminal); `json`: one JSON object per line (collectors). */
  logFormat?: 'pretty' | 'json';
  /** Auth file (keys, JWT settings, metrics access); authentication is off without one. */
  authFile?: string;
  /** PEM certificate and key files; the server speaks HTTPS when both are given. */
  tls?: { certFile: string; keyFile: string };
  /** Requests per minute per principal (per IP when anonymous); off when absent. */
  rateLimit?: number;
  /** With auth on: failed or missing credentials per client address a minute before it gets 429 (default 30). */
  authFailureLimit?: number;
  /** Worker threads that compile registered schemas; 0 compiles on the event loop. Default: cores − 1 (1–4). */
  compileWorkers?: number;
}

export const defaultDataDir = './.charter/data';

/**
 * Each setting's flag and environment variable, in one table so `--help`, the README and the
 * parser cannot disagree. Flags win over the environment; the environment over defaults.
 */
export const settings = [
  { flag: 'port', env: 'CHARTER_PORT', help: 'TCP port to listen on', fallback: '8081' },
  { flag: 'host', env: 'CHARTER_HOST', help: 'Interface to bind', fallback: '0.0.0.0' },
  { flag: 'data-dir', env: 'CHARTER_DATA_DIR', help: 'PGlite data folder (embedded store)', fallback: defaultDataDir },
  { flag: 'memory', env: 'CHARTER_MEMORY', help: 'Throw-away in-memory store (true/false)', fallback: 'false' },
  { flag: 'database-url', env: 'DATABASE_URL', help: 'PostgreSQL URL; overrides the embedded store', fallback: '' },
  { flag: 'body-limit', env: 'CHARTER_BODY_LIMIT', help: 'Largest request body in bytes', fallback: String(1024 * 1024) },
  { flag: 'log-level', env: 'CHARTER_LOG_LEVEL', help: 'fatal|error|warn|info|debug|silent', fallback: 'info' },
  { flag: 'log-format', env: 'CHARTER_LOG_FORMAT', help: 'auto|pretty|json; auto is pretty on a terminal, JSON otherwise', fallback: 'auto' },
  { flag: 'auth-file', env: 'CHARTER_AUTH_FILE', help: 'Auth file (API keys, JWT); turns authentication on', fallback: '' },
  { flag: 'tls-cert', env: 'CHARTER_TLS_CERT', help: 'PEM certificate file; serve HTTPS (with --tls-key)', fallback: '' },
  { flag: 'tls-key', env: 'CHARTER_TLS_KEY', help: 'PEM private key file for --tls-cert', fallback: '' },
  { flag: 'rate-limit', env: 'CHARTER_RATE_LIMIT', help: 'Requests per minute per principal; 0 is off', fallback: '0' },
  { flag: 'auth-failure-limit', env: 'CHARTER_AUTH_FAILURE_LIMIT', help: 'Failed authentications per client address a minute before 429 (auth on)', fallback: '30' },
  { flag: 'compile-workers', env: 'CHARTER_COMPILE_WORKERS', help: 'Threads compiling new schemas; 0 uses the event loop (default: cores − 1, 1–4)', fallback: '' },
] as const;

type SettingName = (typeof settings)[number]['flag'];

/**
 * Resolves the server config from parsed flags and the environment. `terminal` says whether the
 * log goes to a person (stdout is a TTY), which `--log-format auto` follows.
 */
export function loadServerConfig(
  flags: Partial<Record<SettingName, string | boolean>>,
  env: NodeJS.ProcessEnv = process.env,
  terminal = Boolean(process.stdout.isTTY),
): ServerConfig {
  const value = (name: SettingName): string => {
    const setting = settings.find((s) => s.flag === name)!;
    const fromFlag = flags[name];
    if (fromFlag !== undefined) return String(fromFlag);
    return env[setting.env] ?? setting.fallback;
  };
  const port = Number(value('port'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RegistryError('BAD_REQUEST', `--port must be 0–65535, not '${value('port')}'`);
  const bodyLimit = Number(value('body-limit'));
  if (!Number.isInteger(bodyLimit) || bodyLimit < 1024) throw new RegistryError('BAD_REQUEST', `--body-limit must be an integer of at least 1024 bytes`);
  const logLevel = value('log-level') as ServerConfig['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'silent'].includes(logLevel)) throw new RegistryError('BAD_REQUEST', `--log-level must be one of fatal, error, warn, info, debug, silent`);
  const format = value('log-format');
  if (!['auto', 'pretty', 'json'].includes(format)) throw new RegistryError('BAD_REQUEST', `--log-format must be one of auto, pretty, json, not '${format}'`);
  const logFormat: 'pretty' | 'json' = format === 'auto' ? (terminal ? 'pretty' : 'json') : (format as 'pretty' | 'json');
  const databaseUrl = value('database-url');
  const memory = value('memory') === 'true';
  const store: StoreOptions = databaseUrl
    ? { kind: 'postgres', databaseUrl }
    : { kind: 'pglite', ...(memory ? {} : { dataDir: value('data-dir') }) };
  const rateLimit = Number(value('rate-limit'));
  if (!Number.isInteger(rateLimit) || rateLimit < 0) throw new RegistryError('BAD_REQUEST', `--rate-limit must be a whole number of requests per minute (0 is off)`);
  const authFailureLimit = Number(value('auth-failure-limit'));
  if (!Number.isInteger(authFailureLimit) || authFailureLimit < 1) throw new RegistryError('BAD_REQUEST', `--auth-failure-limit must be a whole number of at least 1`);
  const compileWorkers = value('compile-workers') === '' ? undefined : Number(value('compile-workers'));
  if (compileWorkers !== undefined && (!Number.isInteger(compileWorkers) || compileWorkers < 0 || compileWorkers > 64)) {
    throw new RegistryError('BAD_REQUEST', `--compile-workers must be a whole number from 0 to 64, not '${value('compile-workers')}'`);
  }
  const [certFile, keyFile] = [value('tls-cert'), value('tls-key')];
  if (Boolean(certFile) !== Boolean(keyFile)) throw new RegistryError('BAD_REQUEST', '--tls-cert and --tls-key go together');
  return {
    port,
    host: value('host'),
    store,
    bodyLimit,
    logLevel,
    logFormat,
    ...(value('auth-file') ? { authFile: value('auth-file') } : {}),
    ...(certFile ? { tls: { certFile, keyFile } } : {}),
    ...(rateLimit > 0 ? { rateLimit } : {}),
    authFailureLimit,
    ...(compileWorkers !== undefined ? { compileWorkers } : {}),
  };
}
