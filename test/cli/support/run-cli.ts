import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCharter } from '../../support/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `charter …` in-process, capturing what it writes (the shared runner in test/support). */
export const runCli = (argv: string[], env: Record<string, string> = {}): Promise<CliRun> => runCharter(argv, env);

/** A fresh temporary folder. */
export function tempDir(prefix = 'charter-cli-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes files (path → JSON value or text) under `dir`. */
export async function writeFiles(dir: string, files: Record<string, unknown>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}
