import { readFile } from 'node:fs/promises';

let cached: string | undefined;

/** The version in package.json, found from this file whether run from source or from dist/. */
export async function packageVersion(): Promise<string> {
  if (cached) return cached;
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(await readFile(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'charter' && pkg.version) return (cached = pkg.version);
    } catch {
      // try the next location
    }
  }
  return (cached = '0.0.0');
}
