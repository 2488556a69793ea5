/**
 * Builds `charter-client`, the light package for producers and consumers: the SDK (`charter/client`),
 * the runtime generated validators import, and the pure core they call — the same compiled files as
 * the `charter` package, without the registry's server, storage engines and CLI.
 *
 * Which files and dependencies it holds is computed, not listed: the closure of relative imports from
 * the entry points in `dist/`, and the npm packages those files import (versions from the root
 * package.json). A server-only import reaching the client therefore shows up here as a dependency
 * the size test and `npm run bench -- package` report.
 *
 * Usage: tsx scripts/build-client-package.ts [outDir]   (default build/charter-client; needs `npm run build` first)
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Subpath → compiled entry (relative to dist/); entries that do not exist in this build are skipped. */
const entries: Record<string, string> = {
  '.': 'client/index.js',
  './client': 'client/index.js',
  './runtime': 'core/schema/runtime.js',
  './core': 'core/index.js',
};

const importPattern = /(?:^|[;\s}])(?:import|export)\s*(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative files and bare package names one compiled module imports. */
function importsOf(source: string): { relative: string[]; packages: string[] } {
  const found = { relative: [] as string[], packages: [] as string[] };
  for (const match of source.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2]!;
    if (specifier.startsWith('.')) found.relative.push(specifier);
    else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
      const parts = specifier.split('/');
      found.packages.push(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return found;
}

export interface ClientPackage {
  dir: string;
  files: string[];
  dependencies: Record<string, string>;
}

export async function buildClientPackage(outDir = join(root, 'build/charter-client')): Promise<ClientPackage> {
  const dist = join(root, 'dist');
  const rootPackage = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    version: string;
    license: string;
    engines: Record<string, string>;
    dependencies: Record<string, string>;
  };
  const present = Object.entries(entries).filter(([, file]) => existsSync(join(dist, file)));
  if (present.length === 0) throw new Error('dist/ has no client entry: run `npm run build` first');

  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = present.map(([, file]) => join(dist, file));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    // The declarations are followed too: a type-only module compiles to an empty .js that nothing imports.
    const declarations = file.replace(/\.js$/, '.d.ts');
    const sources = [file, declarations].filter((f) => existsSync(f));
    for (const source of sources) {
      const { relative: rel, packages: pkgs } = importsOf(await readFile(source, 'utf8'));
      for (const name of pkgs) packages.add(name);
      for (const specifier of rel) pending.push(resolve(dirname(file), specifier));
    }
  }

  const dependencies: Record<string, string> = {};
  for (const name of [...packages].sort()) {
    const range = rootPackage.dependencies[name];
    if (range === undefined) throw new Error(`the client imports ${name}, which is not a dependency of charter`);
    dependencies[name] = range;
  }

  await rm(outDir, { recursive: true, force: true });
  for (const file of files) {
    for (const companion of [file, file.replace(/\.js$/, '.d.ts')]) {
      if (!existsSync(companion)) continue;
      const target = join(outDir, 'dist', relative(dist, companion));
      await mkdir(dirname(target), { recursive: true });
      await copyFile(companion, target);
    }
  }
  const exports = Object.fromEntries(present.map(([subpath, file]) => [subpath, { types: `./dist/${file.replace(/\.js$/, '.d.ts')}`, default: `./dist/${file}` }]));
  const manifest = {
    name: 'charter-client',
    version: rootPackage.version,
    description: "Charter's SDK for producers and consumers: event codec, validation, migrations, transports and the runtime generated code imports. No server.",
    type: 'module',
    license: rootPackage.license,
    engines: rootPackage.engines,
    exports,
    types: exports['.']?.types,
    dependencies,
  };
  await writeFile(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await copyFile(join(root, 'LICENSE'), join(outDir, 'LICENSE'));
  await writeFile(
    join(outDir, 'README.md'),
    '# charter-client\n\nThe SDK part of [Charter](https://www.npmjs.com/package/charter), for services that produce and consume events: `EventCodec`, `Publisher`, `Subscriber`, transports and the runtime generated validators import. Generate code with `charter codegen --import-path charter-client`.\n',
  );
  return { dir: outDir, files: [...files].map((f) => relative(dist, f)).sort(), dependencies };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildClientPackage(process.argv[2] ? resolve(process.argv[2]) : undefined);
  process.stdout.write(`charter-client: ${built.files.length} modules in ${built.dir}; dependencies: ${Object.keys(built.dependencies).join(', ')}\n`);
}
