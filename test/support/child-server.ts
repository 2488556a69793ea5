import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** SIGKILL: no drain, no close, the store is left exactly as the crash left it. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the process to exit. */
  stop(): Promise<void>;
}

/**
 * `charter serve` in its own process, as an operator runs it: on a PGlite data folder, or on
 * PostgreSQL when `databaseUrl` is given. Resolves once it prints its `listening on` banner.
 */
export async function spawnServer(store: { dataDir: string } | { databaseUrl: string }, env: NodeJS.ProcessEnv = {}): Promise<ChildServer> {
  const args = ['--import', 'tsx', 'bin/charter.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'silent'];
  if ('dataDir' in store) args.push('--data-dir', store.dataDir);
  const child = spawn(process.execPath, args, {
    cwd: repo,
    env: { ...process.env, ...env, DATABASE_URL: 'databaseUrl' in store ? store.databaseUrl : '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    child,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
