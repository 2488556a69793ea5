import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** One built file of the console, held in memory with its compressed forms. */
export interface ConsoleFile {
  type: string;
  body: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  /** Hashed names under `assets/` never change content: cacheable forever. */
  immutable: boolean;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Where `npm run build` put the console: `dist/ui` beside the compiled server (the package), or
 * the checkout's `dist/ui` when the server runs from source. The Vite manifest marks a finished build.
 */
export function consoleBuildDir(): string | undefined {
  const candidates = [fileURLToPath(new URL('../../ui/', import.meta.url)), fileURLToPath(new URL('../../dist/ui/', import.meta.url))];
  return candidates.find((dir) => existsSync(join(dir, '.vite', 'manifest.json')));
}

/** Reads every built file into memory, keyed by its path under the build folder (`assets/x.js`). */
export async function loadConsoleFiles(dir: string): Promise<Map<string, ConsoleFile>> {
  const files = new Map<string, ConsoleFile>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const name = relative(dir, path).split(sep).join('/');
    if (name.startsWith('.vite/')) continue;
    const type = types[extname(name)];
    if (!type) continue;
    const body = await readFile(path);
    const compressible = !type.startsWith('image/png') && !type.startsWith('font/') && body.length > 512;
    files.set(name, {
      type,
      body,
      immutable: name.startsWith('assets/'),
      ...(compressible
        ? { br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }), gzip: gzipSync(body, { level: 9 }) }
        : {}),
    });
  }
  return files;
}
