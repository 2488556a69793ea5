import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/charter.ts', import.meta.url));

/**
 * Runs `charter serve --memory` with `args` (stdout and stderr captured), calls `use` with its URL
 * (and the log so far) once it prints its banner, then stops it with SIGTERM and returns everything it printed — for
 * tests about what the server logs.
 */
export async function serveAndCaptureLog(args: string[], use: (url: string, logSoFar: () => string) => Promise<void>, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const server = spawn(process.execPath, ['--import', 'tsx', bin, 'serve', '--memory', '--port', '0', '--host', '127.0.0.1', ...args], { env });
  let log = '';
  server.stdout.on('data', (chunk) => (log += chunk));
  server.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolve) => server.on('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line in:\n${log}`)), 50_000);
      server.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(log);
        if (match) (clearTimeout(timer), resolve(match[1]!));
      });
      server.on('exit', (code) => (clearTimeout(timer), reject(new Error(`server exited with ${code} before listening:\n${log}`))));
    });
    await use(url, () => log);
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
  return log;
}
