/**
 * The server's log: readable lines for a person at a terminal, JSON lines for a collector. `auto`
 * (the default) follows whether stdout is a terminal; in these tests it is a pipe, so it is JSON.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../server/config.js';
import { call } from '../support/registry.js';

const bin = fileURLToPath(new URL('../../bin/charter.ts', import.meta.url));

function withoutLogFormat(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.CHARTER_LOG_FORMAT;
  return env;
}

/** Runs `charter serve` with `args`, makes one request, stops it, and returns what it printed. */
async function serveLog(args: string[]): Promise<string> {
  const server = spawn(process.execPath, ['--import', 'tsx', bin, 'serve', '--memory', '--port', '0', '--host', '127.0.0.1', ...args], { env: withoutLogFormat() });
  let log = '';
  server.stdout.on('data', (chunk) => (log += chunk));
  server.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolve) => server.on('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line in:\n${log}`)), 50_000);
      server.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(log);
        if (match) (clearTimeout(timer), resolve(match[1]!));
      });
    });
    expect((await call(url, 'GET', '/subjects/no.Such/versions')).status).toBe(404);
    // The entry for the request may follow the response by a moment.
    for (let i = 0; i < 50 && !log.includes('request completed'); i++) await new Promise((r) => setTimeout(r, 100));
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
  return log;
}

describe('log format', () => {
  it('pretty: one readable line per entry, with level and message, no JSON objects', async () => {
    const log = await serveLog(['--log-format', 'pretty']);
    const entries = log.split('\n').filter((line) => /^\[\d\d:\d\d:\d\d\.\d{3}\]/.test(line));
    expect(entries.some((line) => / INFO.*: request completed/.test(line))).toBe(true);
    expect(log).not.toMatch(/^\{"level"/m);
  }, 60_000);

  it('json (and auto when stdout is not a terminal): one parseable object per entry', async () => {
    for (const args of [['--log-format', 'json'], []]) {
      const log = await serveLog(args);
      const entries = log
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string });
      expect(entries.some((e) => e.msg === 'request completed' && e.level === 30)).toBe(true);
    }
  }, 120_000);

  it('auto follows the terminal; a wrong value is refused with the allowed ones', () => {
    expect(loadServerConfig({}, {}, true).logFormat).toBe('pretty');
    expect(loadServerConfig({}, {}, false).logFormat).toBe('json');
    expect(loadServerConfig({}, { CHARTER_LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(() => loadServerConfig({ 'log-format': 'xml' }, {}, true)).toThrow("--log-format must be one of auto, pretty, json, not 'xml'");
  });
});
