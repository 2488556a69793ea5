import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeKeys } from '../support/auth.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { runCli } from './support/run-cli.js';

/** The CLI against a registry whose certificate no public CA signed: the error says so, and --ca fixes it. */
describe('charter against an HTTPS registry with a private certificate', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let registry: TestRegistry;
  let certFile: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await tempDir();
    certFile = join(dir.path, 'cert.pem');
    const keyFile = join(dir.path, 'key.pem');
    const authFile = join(dir.path, 'auth.json');
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-keyout', keyFile, '-out', certFile, '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    ]);
    const keys = await writeKeys(authFile, { reader: ['reader'] });
    env = { CHARTER_TOKEN: keys.reader! };
    registry = await startRegistry({ auth: { authFile, tls: { certFile, keyFile } } });
  });
  afterAll(async () => {
    await registry?.close();
    await dir?.remove();
  });

  it('names the TLS problem instead of calling the registry unavailable, without retrying', async () => {
    const run = await runCli(['subjects', 'list', '--registry', registry.url], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/after 1 attempt\(s\).*TLS certificate rejected \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)/);
    expect(run.stderr).toContain('--ca FILE');
  });

  it('trusts the certificate given with --ca (or CHARTER_CA)', async () => {
    const run = await runCli(['subjects', 'list', '--registry', registry.url, '--ca', certFile], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const fromEnv = await runCli(['subjects', 'list', '--registry', registry.url], { ...env, CHARTER_CA: certFile });
    expect(fromEnv.code).toBe(0);
  });

  it('refuses a --ca file that is missing or not PEM, naming it', async () => {
    const missing = await runCli(['subjects', 'list', '--registry', registry.url, '--ca', join(dir.path, 'nope.pem')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--ca ${join(dir.path, 'nope.pem')}: cannot read the certificate file (ENOENT)`);
    const notPem = await runCli(['subjects', 'list', '--registry', registry.url, '--ca', join(dir.path, 'auth.json')], env);
    expect(notPem.stderr).toContain('not a PEM certificate file');
  });
});
