import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../../server/index.js';
import { tempDir } from '../../support/auth.js';
import { runCharter } from '../../support/cli.js';
import { startRegistry } from '../../support/registry.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

describe('security settings', () => {
  it('are all off on the embedded quick start', () => {
    const config = loadServerConfig({}, {});
    expect(config).not.toHaveProperty('authFile');
    expect(config).not.toHaveProperty('tls');
    expect(config).not.toHaveProperty('rateLimit');
  });

  it('come from flags, or from CHARTER_* variables when no flag is given', () => {
    expect(loadServerConfig({ 'auth-file': 'a.json', 'rate-limit': '120', 'tls-cert': 'c.pem', 'tls-key': 'k.pem' }, {})).toMatchObject({
      authFile: 'a.json',
      rateLimit: 120,
      tls: { certFile: 'c.pem', keyFile: 'k.pem' },
    });
    const env = { CHARTER_AUTH_FILE: 'env.json', CHARTER_RATE_LIMIT: '60', CHARTER_TLS_CERT: 'c', CHARTER_TLS_KEY: 'k' };
    expect(loadServerConfig({}, env)).toMatchObject({ authFile: 'env.json', rateLimit: 60, tls: { certFile: 'c', keyFile: 'k' } });
    expect(loadServerConfig({ 'auth-file': 'flag.json' }, env).authFile).toBe('flag.json');
  });

  it('refuses a certificate without its key and a rate limit that is not a whole number', () => {
    expect(() => loadServerConfig({ 'tls-cert': 'c.pem' }, {})).toThrow('--tls-cert and --tls-key go together');
    expect(() => loadServerConfig({ 'rate-limit': '-1' }, {})).toThrow('--rate-limit');
    expect(() => loadServerConfig({ 'rate-limit': 'lots' }, {})).toThrow('--rate-limit');
  });

  it('reads the compile worker count, refusing what is not a small whole number', () => {
    expect(loadServerConfig({}, {}).compileWorkers).toBeUndefined();
    expect(loadServerConfig({ 'compile-workers': '0' }, {}).compileWorkers).toBe(0);
    expect(loadServerConfig({}, { CHARTER_COMPILE_WORKERS: '3' }).compileWorkers).toBe(3);
    for (const bad of ['-1', '1.5', 'many', '65']) expect(() => loadServerConfig({ 'compile-workers': bad }, {})).toThrow('--compile-workers');
  });

  it('are listed by charter serve --help', async () => {
    const help = (await runCharter(['serve', '--help'])).stdout;
    for (const flag of ['--auth-file', '--tls-cert', '--tls-key', '--rate-limit', '--compile-workers']) expect(help).toContain(flag);
  });
});

describe('an auth file', () => {
  const start = async (content: unknown) => {
    const authFile = join(dir.path, `auth-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(authFile, typeof content === 'string' ? content : JSON.stringify(content));
    return startRegistry({ auth: { authFile } });
  };

  it('that is missing or not JSON stops the server from starting', async () => {
    await expect(startRegistry({ auth: { authFile: join(dir.path, 'absent.json') } })).rejects.toThrow('Cannot read auth file');
    await expect(start('{ not json')).rejects.toThrow('is not valid JSON');
  });

  it('with a role Charter does not know stops the server rather than guessing what it meant', async () => {
    const key = { id: 'ck_1', name: 'x', roles: ['owner:order.*'], hash: `sha256:${'0'.repeat(64)}`, created: '' };
    await expect(start({ keys: [key] })).rejects.toThrow("Role 'owner:order.*' must be reader, writer or admin");
    await expect(start({ keys: [{ ...key, roles: ['writer:*order'] }] })).rejects.toThrow("a subject pattern is a name or a prefix ending in a single '*'");
    await expect(start({ metrics: 'everyone' })).rejects.toThrow('"metrics" must be "public" or "admin"');
  });

  it('may open /metrics to unauthenticated scrapers', async () => {
    const registry = await start({ metrics: 'public', keys: [] });
    try {
      const response = await fetch(`${registry.url}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('charter_http_request_duration_seconds');
      expect((await fetch(`${registry.url}/subjects`)).status).toBe(401);
    } finally {
      await registry.close();
    }
  });
});
