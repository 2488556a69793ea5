import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../server/index.js';
import { unsafeSettings } from '../../../server/unsafe-settings.js';
import { basic, tempDir, writeKeys } from '../../support/auth.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';

/** A GET from a chosen loopback address: 127.0.0.2 is another client as far as the server can tell. */
function getFrom(url: string, path: string, localAddress: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = http.request({ host: target.hostname, port: target.port, path, method: 'GET', localAddress, agent: false, headers }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text), headers: response.headers }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('failed authentications are limited per client address', () => {
  let registry: TestRegistry;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let keys: Record<string, string>;
  beforeAll(async () => {
    dir = await tempDir();
    const authFile = `${dir.path}/auth.json`;
    keys = await writeKeys(authFile, { reader: ['reader'] });
    registry = await startRegistry({ auth: { authFile, authFailureLimit: 5 } });
  });
  afterAll(async () => {
    await registry.close();
    await dir.remove();
  });

  it('refuses an address after its failures, before looking at its next credentials, and only that address', async () => {
    const wrong = basic(`${keys.reader!.split(':')[0]}:not-the-secret`);
    for (let i = 0; i < 3; i++) expect((await getFrom(registry.url, '/subjects', '127.0.0.1', wrong)).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await getFrom(registry.url, '/subjects', '127.0.0.1')).status, 'anonymous counts too').toBe(401);
    const refused = await getFrom(registry.url, '/subjects', '127.0.0.1', basic(keys.reader!));
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error_code: 42901, message: expect.stringContaining('Too many failed authentications from this address (5 a minute)') });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another address with the right key is served; probes from the refused one still answer.
    expect((await getFrom(registry.url, '/subjects', '127.0.0.2', basic(keys.reader!))).status).toBe(200);
    expect((await getFrom(registry.url, '/healthz', '127.0.0.1')).status).toBe(200);
  });

  it('does not count successful requests', async () => {
    for (let i = 0; i < 20; i++) expect((await getFrom(registry.url, '/subjects', '127.0.0.3', basic(keys.reader!))).status).toBe(200);
  });
});

describe('start-up warnings for unsafe settings', () => {
  const base = { port: 0, store: { kind: 'pglite' as const }, bodyLimit: 1024 * 1024, logLevel: 'silent' as const };

  it('says nothing for a loopback address, whatever the settings', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) expect(unsafeSettings({ host }), host).toEqual([]);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'registry.internal']) expect(unsafeSettings({ host }), host).toHaveLength(1);
    expect(unsafeSettings({ host: '0.0.0.0', authFile: 'a.json', tls: { certFile: 'c', keyFile: 'k' } })).toEqual([]);
  });

  it('warns when auth is on without TLS on a non-loopback address', { timeout: 90_000 }, async () => {
    const dir = await tempDir();
    await writeKeys(`${dir.path}/auth.json`, { reader: ['reader'] });
    const server = await startServer({ ...base, host: '0.0.0.0', authFile: `${dir.path}/auth.json` });
    try {
      expect(server.warnings).toEqual([expect.stringMatching(/^Authentication is on without TLS on 0\.0\.0\.0: API keys and bearer tokens cross the network in clear text/)]);
    } finally {
      await server.close();
      await dir.remove();
    }
  });

  it('`charter serve` prints the warning on stderr', async () => {
    const repo = fileURLToPath(new URL('../../..', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/charter.ts', 'serve', '--memory', '--port', '0', '--host', '0.0.0.0', '--log-level', 'silent'], {
      cwd: repo,
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no warning within 60 s: ${text}`)), 60_000);
      child.stderr.on('data', (chunk) => {
        text += chunk;
        if (text.includes('\n')) {
          clearTimeout(timer);
          resolve(text);
        }
      });
    });
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(stderr).toMatch(/^Warning: Authentication is off and the server listens on 0\.0\.0\.0/);
  }, 90_000);
});

describe('error bodies are capped', () => {
  let registry: TestRegistry;
  const values = Array.from({ length: 15_000 }, (_, i) => `allowed-value-number-${i}`);
  beforeAll(async () => {
    registry = await startRegistry({ bodyLimit: 4 * 1024 * 1024 });
    expect((await call(registry.url, 'POST', '/subjects/big.Enum/versions', { schema: JSON.stringify({ enum: values }) })).status).toBe(200);
  }, 60_000);
  afterAll(() => registry.close());

  it('echoes 20 of 15,000 allowed values from /validate and counts the rest', async () => {
    const response = await call(registry.url, 'POST', '/subjects/big.Enum/versions/1/validate', { event: 'nope' });
    expect(response.status).toBe(200);
    expect(response.body.valid).toBe(false);
    expect(response.body.errors[0].params.allowedValues).toEqual(values.slice(0, 20));
    expect(response.body.errors[0].params.allowedValuesOmitted).toBe(14_980);
    expect(Number(response.headers.get('content-length'))).toBeLessThan(8 * 1024);
  });

  it('keeps a refusal that carries the same report small', async () => {
    const body = { schema: JSON.stringify({ enum: values, title: 'v2' }), examples: ['nope'] };
    const response = await call(registry.url, 'POST', '/subjects/big.Enum2/versions', body);
    expect(response.status).toBe(422);
    expect(response.body.error_code).toBe(42212);
    expect(response.body.errors[0].params.allowedValues).toHaveLength(20);
    expect(Number(response.headers.get('content-length'))).toBeLessThan(8 * 1024);
  });

  it('caps a list of thousands of errors at 100 entries', async () => {
    await call(registry.url, 'POST', '/subjects/big.Items/versions', { schema: JSON.stringify({ type: 'array', items: { type: 'integer' } }) });
    const response = await call(registry.url, 'POST', '/subjects/big.Items/versions/1/validate', { event: Array.from({ length: 5_000 }, () => 'x') });
    expect(response.body.valid).toBe(false);
    expect(response.body.errors.length).toBeLessThanOrEqual(100);
    if (response.body.errors.length === 100) expect(response.body.errorsOmitted).toBeGreaterThan(0);
  });
});
