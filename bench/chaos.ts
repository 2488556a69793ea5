/**
 * The chaos test's longer run: `test/flows/chaos.test.ts` with more orders and more real kills
 * (`CHAOS_ORDERS`, default 2,000; `CHAOS_KILLS`, default 15). The SIGKILL run needs DATABASE_URL
 * and NATS_URL; without them only the in-process PGlite run happens. It prints the seed, the faults
 * injected by kind and its phase timings; it fails (exit 1) if the books do not balance.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default async function run(): Promise<void> {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const env = { ...process.env, CHAOS_ORDERS: process.env.CHAOS_ORDERS ?? '2000', CHAOS_KILLS: process.env.CHAOS_KILLS ?? '15' };
  console.log(`chaos: ${env.CHAOS_ORDERS} orders, ${env.CHAOS_KILLS} SIGKILLs${process.env.DATABASE_URL && process.env.NATS_URL ? '' : ' (set DATABASE_URL and NATS_URL for the PostgreSQL + NATS run)'}`);
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/flows/chaos.test.ts'], { cwd: root, env, stdio: 'inherit' });
    child.once('exit', resolve);
  });
  console.log(`chaos: ${code === 0 ? 'balanced' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (code !== 0) process.exitCode = 1;
}
