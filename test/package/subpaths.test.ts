/**
 * The full `charter` package after `npm pack` and install into a fresh project: it ships only what
 * it needs (no tests, benches or CI files) and every documented subpath imports.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));

describe('the charter package, packed and installed', () => {
  let project: string;
  let packed: string[];

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'charter-pack-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', project, '--ignore-scripts'], { cwd: repo, maxBuffer: 64 * 1024 * 1024 });
    const [report] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    packed = report!.files.map((f) => f.path);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'user', private: true, type: 'module', dependencies: { charter: `file:${join(project, report!.filename)}` } }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], { cwd: project, timeout: 240_000 });
  }, 300_000);

  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('ships the built code, README, CHANGELOG and LICENSE, and no tests, benches or CI files', () => {
    expect(packed).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'LICENSE', 'package.json', 'dist/bin/charter.js', 'dist/core/index.js']));
    expect(packed.filter((p) => /^(test|bench|\.ci|scripts|ui)\//.test(p) || p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
  });

  it('imports every documented subpath', async () => {
    const probe = `for (const m of ['charter', 'charter/core', 'charter/client', 'charter/server', 'charter/codegen']) {
      const mod = await import(m);
      process.stdout.write(m + ' ' + Object.keys(mod).length + '\\n');
    }
    process.exit(0);`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe], { cwd: project, timeout: 60_000 });
    const counts = Object.fromEntries(stdout.trim().split('\n').map((line) => line.split(' ') as [string, string]));
    expect(Object.keys(counts)).toEqual(['charter', 'charter/core', 'charter/client', 'charter/server', 'charter/codegen']);
    for (const count of Object.values(counts)) expect(Number(count)).toBeGreaterThan(3);
    const version = await run(join(project, 'node_modules/.bin/charter'), ['--version'], { cwd: project });
    expect(version.stdout).toMatch(/^charter \d+\.\d+\.\d+/);
  });
});
