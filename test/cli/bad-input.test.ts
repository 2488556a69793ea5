import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { v1 } from './support/order-contracts.js';
import { runCli, tempDir, writeFiles } from './support/run-cli.js';

/** Each mistake a user can make gets one line on stderr that names the file, URL or ref, and exit 2. */
async function expectOneLine(argv: string[], pattern: RegExp): Promise<void> {
  const run = await runCli(argv);
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr.trim()).toMatch(pattern);
}

describe('charter on bad input', () => {
  it('names the file and position of an unparseable schema', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'shop.A/1.0.0.schema.json': '{\n  "type": "object",\n}\n' });
    await expectOneLine(['check', dir], /^charter check: .*shop\.A\/1\.0\.0\.schema\.json:3:1: invalid JSON/);
  });

  it('names the file whose name carries something that is not a semver', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'shop.A/1.0.schema.json': v1 });
    await expectOneLine(['push', dir, '--registry', 'http://127.0.0.1:9'], /shop\.A\/1\.0\.schema\.json: '1\.0' is not a semver/);
  });

  it('names a rule that has no predecessor version to migrate from', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'shop.A/1.0.0.schema.json': v1, 'shop.A/1.0.0.upgrade.jsonata': '$' });
    await expectOneLine(['check', dir], /shop\.A\/1\.0\.0\.upgrade\.jsonata: upgrade rule on the first version/);
  });

  it('names a rule whose version has no schema', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'shop.A/1.0.0.schema.json': v1, 'shop.A/2.0.0.upgrade.jsonata': '$' });
    await expectOneLine(['check', dir], /shop\.A\/2\.0\.0\.upgrade\.jsonata: no 2\.0\.0\.schema\.json for this file to belong to/);
  });

  it('names a folder with no schemas', async () => {
    const dir = await tempDir();
    await expectOneLine(['check', dir], new RegExp(`${dir}: no subject folders with schemas found`));
    await expectOneLine(['codegen', '--schemas', join(dir, 'missing'), '--out', dir], /missing: cannot read the contracts folder/);
  });

  it('names the URL of an unreachable registry', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'shop.A/1.0.0.schema.json': v1 });
    await expectOneLine(['check', dir, '--registry', 'http://127.0.0.1:9'], /registry at http:\/\/127\.0\.0\.1:9 unavailable/);
    await expectOneLine(['export', '--registry', 'not a url'], /--registry 'not a url' is not an http\(s\) URL/);
  });

  it('names a git ref that does not exist, and a folder outside git', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'shop.A/1.0.0.schema.json': v1 });
    await expectOneLine(['check', dir, '--against', 'v9.9.9'], /--against v9\.9\.9: .* is not inside a git repository/);
  });

  it('refuses unknown flags, formats and missing arguments with exit 2', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'shop.A/1.0.0.schema.json': v1 });
    const format = await runCli(['check', dir, '--format', 'xml']);
    expect([format.code, format.stderr]).toEqual([2, "charter check: --format must be one of text, json, github, junit, not 'xml'\n"]);
    expect((await runCli(['push', dir, '--registy', 'x'])).stderr).toMatch(/^charter push: Unknown option '--registy'/);
    expect((await runCli(['upcast', '--registry', 'http://127.0.0.1:9'])).stderr).toMatch(/^charter upcast: --subject is required/);
  });
});
