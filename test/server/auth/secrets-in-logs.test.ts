import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, tempDir, writeKeys } from '../../support/auth.js';
import { call } from '../../support/registry.js';

const bin = fileURLToPath(new URL('../../../bin/charter.ts', import.meta.url));
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

describe('the server log', () => {
  it('never contains a presented secret, right or wrong, at debug level', async () => {
    const authFile = join(dir.path, 'auth.json');
    const { ci } = await writeKeys(authFile, { ci: ['reader'] });
    const [id, secret] = ci!.split(':') as [string, string];
    const wrong = `${id}:guessed-${secret.slice(0, 10)}`;
    const server = spawn(process.execPath, ['--import', 'tsx', bin, 'serve', '--memory', '--port', '0', '--host', '127.0.0.1', '--log-level', 'debug', '--auth-file', authFile]);
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
      expect((await call(url, 'GET', '/subjects', undefined, basic(ci!))).status).toBe(200);
      expect((await call(url, 'GET', '/subjects', undefined, basic(wrong))).status).toBe(401);
      expect((await call(url, 'GET', '/subjects', undefined, { authorization: `Bearer ${ci}` })).status).toBe(200);
      expect((await call(url, 'GET', '/subjects', undefined, { authorization: `Bearer ${wrong}` })).status).toBe(401);
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
    // The capture is real: requests and the failed authentications were logged…
    expect(log).toContain('incoming request');
    expect(log).toContain('authentication failed');
    // …but no secret, in clear or as the Basic header's base64, ever was.
    for (const leaked of [secret, wrong.split(':')[1]!, Buffer.from(ci!).toString('base64'), Buffer.from(wrong).toString('base64')]) {
      expect(log).not.toContain(leaked);
    }
  }, 90_000);
});
