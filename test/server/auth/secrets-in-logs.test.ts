import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, tempDir, writeKeys } from '../../support/auth.js';
import { serveAndCaptureLog } from '../../support/logged-server.js';
import { call } from '../../support/registry.js';

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
    // Both formats: redaction happens before pino-pretty or the JSON writer sees an entry.
    for (const format of ['json', 'pretty']) {
      const log = await serveAndCaptureLog(['--log-level', 'debug', '--log-format', format, '--auth-file', authFile], async (url) => {
        expect((await call(url, 'GET', '/subjects', undefined, basic(ci!))).status).toBe(200);
        expect((await call(url, 'GET', '/subjects', undefined, basic(wrong))).status).toBe(401);
        expect((await call(url, 'GET', '/subjects', undefined, { authorization: `Bearer ${ci}` })).status).toBe(200);
        expect((await call(url, 'GET', '/subjects', undefined, { authorization: `Bearer ${wrong}` })).status).toBe(401);
      });
      // The capture is real: requests and the failed authentications were logged…
      expect(log).toContain('incoming request');
      expect(log).toContain('authentication failed');
      // …but no secret, in clear or as the Basic header's base64, ever was.
      for (const leaked of [secret, wrong.split(':')[1]!, Buffer.from(ci!).toString('base64'), Buffer.from(wrong).toString('base64')]) {
        expect(log, format).not.toContain(leaked);
      }
    }
  }, 150_000);
});
