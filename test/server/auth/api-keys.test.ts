import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, tempDir } from '../../support/auth.js';
import { runCharter } from '../../support/cli.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { orderPlacedV1 } from '../../support/schemas.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let authFile: string;
let registry: TestRegistry;
let ci: string;
let root: string;

beforeAll(async () => {
  dir = await tempDir();
  authFile = join(dir.path, 'auth.json');
  const created = await runCharter(['keys', 'create', '--auth-file', authFile, '--name', 'ci', '--role', 'writer:order.*', '--role', 'reader']);
  expect(created.code).toBe(0);
  ci = created.stdout.trim();
  root = (await runCharter(['keys', 'create', '--name', 'root', '--role', 'admin'], { CHARTER_AUTH_FILE: authFile })).stdout.trim();
  registry = await startRegistry({ auth: { authFile } });
});
afterAll(async () => {
  await registry.close();
  await dir.remove();
});

describe('charter keys', () => {
  it('prints a new key once as key:secret and stores only a SHA-256 of the secret', async () => {
    expect(ci).toMatch(/^ck_[0-9a-f]{16}:[\w-]{43}$/);
    const [id, secret] = ci.split(':');
    const stored = await readFile(authFile, 'utf8');
    expect(stored).toContain(id);
    expect(stored).not.toContain(secret);
    expect(JSON.parse(stored).keys[0]).toMatchObject({ id, name: 'ci', roles: ['writer:order.*', 'reader'], hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
  });

  it('lists names, ids and roles but never a secret', async () => {
    const listed = await runCharter(['keys', 'list', '--auth-file', authFile]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ci\tck_[0-9a-f]{16}\twriter:order\.\*,reader\tactive since /m);
    expect(listed.stdout).not.toContain(ci.split(':')[1]);
  });

  it('refuses a malformed role or a duplicate name with exit code 2 and leaves the file alone', async () => {
    const before = await readFile(authFile, 'utf8');
    expect((await runCharter(['keys', 'create', '--auth-file', authFile, '--name', 'x', '--role', 'owner'])).code).toBe(2);
    expect((await runCharter(['keys', 'create', '--auth-file', authFile, '--name', 'x', '--role', 'writer:order.*.v1'])).code).toBe(2);
    expect((await runCharter(['keys', 'create', '--auth-file', authFile, '--name', 'ci', '--role', 'reader'])).code).toBe(2);
    expect(await readFile(authFile, 'utf8')).toBe(before);
  });
});

describe('API keys against a listening registry', () => {
  it('work over HTTP Basic from @confluentinc/schemaregistry', async () => {
    const client = new SchemaRegistryClient({ baseURLs: [registry.url], basicAuthCredentials: { credentialsSource: 'USER_INFO', userInfo: ci } });
    const id = await client.register('order.OrderPlaced', { schemaType: 'JSON', schema: JSON.stringify(orderPlacedV1) });
    expect(id).toBeGreaterThan(0);
    expect((await client.getLatestSchemaMetadata('order.OrderPlaced')).id).toBe(id);
    expect(await client.getAllSubjects()).toEqual(['order.OrderPlaced']);
    const anonymous = new SchemaRegistryClient({ baseURLs: [registry.url] });
    await expect(anonymous.getAllSubjects()).rejects.toMatchObject({ status: 401 });
  });

  it('record the key’s name as the principal of every change', async () => {
    const audit = await call(registry.url, 'GET', '/audit?subject=order.OrderPlaced', undefined, basic(root));
    expect(audit.body.entries.map((e: { principal: string }) => e.principal)).toEqual(['key:ci']);
  });

  it('stop working within a second of charter keys revoke, without a restart', async () => {
    expect((await call(registry.url, 'GET', '/subjects', undefined, basic(ci))).status).toBe(200);
    const revoked = await runCharter(['keys', 'revoke', '--auth-file', authFile, '--name', 'ci']);
    expect(revoked.code).toBe(0);
    await sleep(1_100);
    const response = await call(registry.url, 'GET', '/subjects', undefined, basic(ci));
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error_code: 40101, message: 'Authentication failed: unknown, revoked or wrong API key' });
    expect((await call(registry.url, 'GET', '/subjects', undefined, basic(root))).status).toBe(200);
    expect((await runCharter(['keys', 'list', '--auth-file', authFile])).stdout).toMatch(/^ci\t.*\trevoked /m);
  });
});
