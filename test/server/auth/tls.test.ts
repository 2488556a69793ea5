import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, tempDir, writeKeys } from '../../support/auth.js';
import { startRegistry, type TestRegistry } from '../../support/registry.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let registry: TestRegistry;
let cert: Buffer;
let keys: Record<string, string>;

/** GET over HTTPS trusting only the test's own certificate, as a client pinned to it would. */
function httpsGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca: cert, headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  dir = await tempDir();
  const [certFile, keyFile, authFile] = ['cert.pem', 'key.pem', 'auth.json'].map((name) => join(dir.path, name)) as [string, string, string];
  // A throw-away self-signed certificate for 127.0.0.1, made the way an operator would.
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-keyout', keyFile, '-out', certFile, '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ]);
  cert = await readFile(certFile);
  keys = await writeKeys(authFile, { reader: ['reader'] });
  registry = await startRegistry({ auth: { authFile, tls: { certFile, keyFile } } });
});
afterAll(async () => {
  await registry.close();
  await dir.remove();
});

describe('TLS with --tls-cert and --tls-key', () => {
  it('serves HTTPS, with authentication on top', async () => {
    expect(registry.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect((await httpsGet(`${registry.url}/healthz`)).status).toBe(200);
    expect((await httpsGet(`${registry.url}/subjects`)).status).toBe(401);
    const listed = await httpsGet(`${registry.url}/subjects`, basic(keys.reader!));
    expect(listed).toEqual({ status: 200, body: '[]' });
  });

  it('does not answer plain HTTP on the same port', async () => {
    await expect(fetch(registry.url.replace('https:', 'http:') + '/healthz')).rejects.toThrow();
  });
});
