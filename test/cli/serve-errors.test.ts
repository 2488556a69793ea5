import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './support/run-cli.js';

/** `charter serve` start-up failures name the setting or file to fix, not a bare system error. */
describe('charter serve refuses bad settings by name', () => {
  it('a --database-url that is not a postgres:// URL', async () => {
    const run = await runCli(['serve', '--database-url', 'base', '--port', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--database-url / DATABASE_URL must be a postgres:// URL');
    expect(run.stderr).not.toContain('ENOTFOUND');
  });

  it('a database host that does not resolve: the URL (password redacted) and the setting', async () => {
    const run = await runCli(['serve', '--database-url', 'postgres://charter:secret@nohost.invalid:5432/x', '--port', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot open the PostgreSQL database at postgres:\/\/charter:\*+@nohost\.invalid:5432\/x \(--database-url \/ DATABASE_URL\): .*ENOTFOUND/);
    expect(run.stderr).not.toContain('secret');
  });

  it('a JWKS file named by the auth file that does not exist', async () => {
    const dir = await tempDir();
    const authFile = join(dir, 'auth.json');
    await writeFile(authFile, JSON.stringify({ keys: [], jwt: { jwks: 'missing-jwks.json', issuer: 'https://idp.example/' } }));
    const run = await runCli(['serve', '--auth-file', authFile, '--port', '0', '--memory']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${authFile}: jwt.jwks file ${join(dir, 'missing-jwks.json')} cannot be read (ENOENT)`);
  });
});
