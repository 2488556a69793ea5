/**
 * The server's log: readable lines for a person at a terminal, JSON lines for a collector. `auto`
 * (the default) follows whether stdout is a terminal; in these tests it is a pipe, so it is JSON.
 */
import { describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../server/config.js';
import { serveAndCaptureLog } from '../support/logged-server.js';
import { call } from '../support/registry.js';

function withoutLogFormat(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.CHARTER_LOG_FORMAT;
  return env;
}

/** The log of a server that answered one request (a 404), once the request's entry is written. */
function serveLog(args: string[]): Promise<string> {
  return serveAndCaptureLog(
    args,
    async (url, logSoFar) => {
      expect((await call(url, 'GET', '/subjects/no.Such/versions')).status).toBe(404);
      // The entry for the request may follow the response by a moment.
      for (let i = 0; i < 50 && !logSoFar().includes('request completed'); i++) await new Promise((r) => setTimeout(r, 100));
    },
    withoutLogFormat(),
  );
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
