import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { orderFiles, subject } from './support/order-contracts.js';
import { runCli, tempDir, writeFiles, type CliRun } from './support/run-cli.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** `charter …` as a real child process, with `stdin` piped in: what a shell user gets. */
function runProcess(argv: string[], stdin: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'bin/charter.ts'), ...argv], { cwd: repo });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('charter validate and upcast', () => {
  let registry: TestRegistry;
  let events: string;
  beforeAll(async () => {
    registry = await startRegistry();
    const dir = await tempDir();
    await writeFiles(dir, orderFiles());
    await runCli(['push', dir, '--registry', registry.url]);
    events = join(dir, 'events.ndjson');
    await writeFiles('/', {
      [events]: ['{"orderId":"o1","totalAmount":5}', '', '{"orderId":"o2"}', 'not json', '{"orderId":"o3","totalAmount":7,"currency":"USD"}'].join('\n'),
    });
  });
  afterAll(() => registry.close());

  it('reports the line numbers of invalid events and exits 1', async () => {
    const run = await runCli(['validate', '--registry', registry.url, '--subject', subject, '--version', '1.0.0', '--input', events]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("line 3: invalid under order.OrderPlaced 1.0.0: / must have required property 'totalAmount'");
    expect(run.stderr).toMatch(/^line 4: not JSON/m);
    expect(run.stderr).toMatch(/^line 5: invalid under .*must NOT have additional properties/m);
    expect(run.stdout).toBe('1 of 4 event(s) valid under order.OrderPlaced 1.0.0.\n');
  });

  it('exits 0 when every event is valid under the latest version', async () => {
    const file = join(await tempDir(), 'ok.ndjson');
    await writeFiles('/', { [file]: '{"orderId":"o","pricing":{"total":1,"currency":"EUR"}}\n' });
    const run = await runCli(['validate', '--registry', registry.url, '--subject', subject, '--input', file]);
    expect(run.stdout).toBe('1 of 1 event(s) valid under order.OrderPlaced 2.0.0.\n');
    expect(run.code).toBe(0);
  });

  it('upcasts events read from stdin, one per line, naming the lines that fail (as a real process)', async () => {
    const stdin = ['{"orderId":"o1","totalAmount":5}', '{"orderId":"o2","totalAmount":"lots"}', '{"orderId":"o3","totalAmount":7,"currency":"USD"}'].join('\n');
    const run = await runProcess(['upcast', '--registry', registry.url, '--subject', subject, '--from', '1.1.0', '--to', '2.0.0'], stdin);
    expect(run.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { orderId: 'o1', pricing: { total: 5, currency: 'EUR' } },
      { orderId: 'o3', pricing: { total: 7, currency: 'USD' } },
    ]);
    expect(run.stderr).toMatch(/^line 2: /);
    expect(run.code).toBe(1);
  });

  it('exits 2 with one line naming the URL when the registry is unreachable (as a real process)', async () => {
    const run = await runProcess(['validate', '--registry', 'http://127.0.0.1:9', '--subject', subject], '{}\n');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^charter validate: registry at http:\/\/127\.0\.0\.1:9 unavailable/)]);
  });
});
