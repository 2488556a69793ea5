import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { formatDiagnostic } from './typecheck.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Makes `projectDir` a consumer project of its own (a `package.json`, so `charter/…` is not
 * resolved as the repository importing itself) and installs `charter/client` into
 * `<projectDir>/node_modules/charter` as a consumer sees it: the
 * declarations `tsc` emits for the SDK, from the sources under test (not a possibly stale `dist/`).
 * Third-party types the declarations name (ajv, nats, …) resolve from the repository's
 * node_modules, which `projectDir` must sit under.
 *
 * @example
 * await installSdkDeclarations(scratch.dir); // then `import type { Envelope } from 'charter/client'` type-checks
 */
export async function installSdkDeclarations(projectDir: string): Promise<void> {
  const packageDir = join(projectDir, 'node_modules', 'charter');
  const config = ts.getParsedCommandLineOfConfigFile(join(repo, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (config === undefined) throw new Error('cannot read tsconfig.json');
  // noCheck: the repository's own `tsc` checks these sources; here only their declarations are needed.
  const options: ts.CompilerOptions = { ...config.options, noEmit: false, noCheck: true, declaration: true, emitDeclarationOnly: true, sourceMap: false, declarationMap: false, rootDir: repo, outDir: packageDir };
  const program = ts.createProgram([join(repo, 'client', 'index.ts')], options);
  const written: Array<Promise<void>> = [];
  const result = program.emit(undefined, (file, text) => {
    written.push(mkdir(dirname(file), { recursive: true }).then(() => writeFile(file, text)));
  });
  await Promise.all(written);
  if (result.diagnostics.length > 0) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  const manifest = { name: 'charter', type: 'module', exports: { './client': { types: './client/index.d.ts' } } };
  await writeFile(join(packageDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(join(projectDir, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`);
}
