import { assertLocalRefs } from './assert-local-refs.js';
import { compileTypes } from './compile-types.js';
import { compileValidator } from './compile-validator.js';
import type { ContractFolder } from './contracts/types.js';
import { emitBarrel } from './emit-barrel.js';
import { emitEnvelope } from './emit-envelope.js';
import { emitEventMap } from './emit-event-map.js';
import { emitEvents } from './emit-events.js';
import { emitMigrations } from './emit-migrations.js';
import { compareText, plan } from './plan.js';

export interface GenerateOptions {
  /**
   * Module the generated code takes the SDK's types (`Envelope`, `EventMetadata`, `Handlers`) from,
   * as written in its imports. Default `charter/client`; a relative path is relative to the output folder.
   */
  importPath?: string | undefined;
}

/**
 * Turns contracts into TypeScript: a map from output path (relative, `/`-separated) to file
 * contents, sorted by path. Same contracts, same bytes.
 *
 * @example
 * const files = await generate(await loadContracts('schemas'));
 * await writeGenerated('src/generated', files);
 */
export async function generate(folder: ContractFolder, options: GenerateOptions = {}): Promise<Map<string, string>> {
  // 1. Decide every name and path, refusing schemas that reach outside themselves.
  const p = plan(folder);
  for (const s of p.subjects) for (const v of s.versions) assertLocalRefs(v.schema, v.schemaFile);
  const files = new Map<string, string>();
  files.set('envelope.ts', emitEnvelope(options.importPath));
  // 2. Per version: its data interface and its precompiled validator.
  const versions = p.subjects.flatMap((s) => s.versions.map((v) => ({ s, v })));
  const types = await Promise.all(versions.map(({ v }) => compileTypes(v)));
  versions.forEach(({ s, v }, i) => {
    const at = `${s.folder}/${v.stem}`;
    files.set(`${at}.types.ts`, types[i]!);
    files.set(`${at}.validate.ts`, compileValidator(v, options.importPath));
  });
  // 3. Per subject: event classes and guards, then migration typings where rules exist.
  const migrations = new Map<string, string>();
  for (const s of p.subjects) {
    files.set(`${s.folder}/events.ts`, emitEvents(s));
    const source = emitMigrations(s);
    if (source) {
      migrations.set(s.subject, source);
      files.set(`${s.folder}/migrations.ts`, source);
    }
  }
  // 4. Across subjects: domain unions, the event map, and the barrel.
  files.set('event-map.ts', emitEventMap(p));
  files.set('index.ts', emitBarrel(p, migrations));
  return new Map([...files].sort(([a], [b]) => compareText(a, b)));
}
