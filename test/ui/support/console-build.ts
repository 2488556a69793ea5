import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = join(root, 'dist/ui/.vite/manifest.json');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The browser tests drive the console as `npm run build` built it (CI builds it in `npm ci`).
 * When the build is missing or older than `ui/`, it is rebuilt first, so a test never runs
 * against a stale console.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  const sources = Math.max(newestSource(join(root, 'ui/src')), statSync(join(root, 'ui/index.html')).mtimeMs, statSync(join(root, 'ui/vite.config.ts')).mtimeMs);
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= sources) return;
  // In a child process with NODE_ENV=production, exactly as `npm run build:ui` builds it (vitest
  // sets NODE_ENV=test, under which the JSX runtime would be the larger development one).
  await promisify(execFile)(join(root, 'node_modules/.bin/vite'), ['build', '--config', join(root, 'ui/vite.config.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
