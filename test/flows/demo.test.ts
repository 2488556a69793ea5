import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseDemoOptions } from '../../flows/demo/demo-options.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the demo', () => {
  it('tells the whole story on the embedded defaults and exits 0', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'flows/demo/main.ts'], { cwd: root, timeout: 170_000 });
    for (const chapter of [
      'Contracts are registered from schemas/',
      'A breaking change is refused',
      'A payment fails and the saga compensates',
      'A fault and its recovery',
      'An order stored at 1.0.0 is read by the 2.0.0 service',
      'The read model',
      'Metrics',
      'orchestrated',
      'The end',
    ]) {
      expect(stdout).toContain(chapter);
    }
    expect(stdout).toContain('the registry answers 409');
    expect(stdout).toContain('HIGH-VALUE CUSTOMER cust-grace');
    expect(stdout).toContain('identical rows');
    expect(stdout).toMatch(/the relay retried 5 refused publishes/);
    expect(stdout).toMatch(/: confirmed; payment pay_\d+ charged/);
  }, 180_000);

  it('refuses an unknown transport with its usage', () => {
    expect(() => parseDemoOptions(['--transport', 'carrier-pigeon'])).toThrow(/--transport must be memory or nats/);
    expect(parseDemoOptions(['--transport', 'nats', '--database-url', 'postgres://x'])).toMatchObject({ transport: 'nats', databaseUrl: 'postgres://x' });
  });
});
