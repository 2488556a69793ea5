import { isIP } from 'node:net';
import type { ServerConfig } from './config.js';

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * Settings that run but expose the registry: said once at start-up, so an operator sees them in
 * the first lines of the log rather than after an incident. Nothing is refused: a TLS-terminating
 * proxy in front, or a private network, can make either one fine.
 */
export function unsafeSettings(config: Pick<ServerConfig, 'host' | 'authFile' | 'tls'>): string[] {
  if (isLoopback(config.host)) return [];
  if (!config.authFile) {
    return [
      `Authentication is off and the server listens on ${config.host}: anyone who can reach it may register, change and delete every schema. Give --auth-file, or bind --host 127.0.0.1.`,
    ];
  }
  if (!config.tls) {
    return [
      `Authentication is on without TLS on ${config.host}: API keys and bearer tokens cross the network in clear text. Give --tls-cert and --tls-key, or terminate TLS in a proxy on this host.`,
    ];
  }
  return [];
}
