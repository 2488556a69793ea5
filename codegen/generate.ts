import { assertLocalRefs } from './assert-local-refs.js';
import { compileTypes } from './compile-types.js';
import { compileValidator } from './compile-validator.js';
import { resolveFolderReferences } from './contracts/folder-references.js';
import type { ContractFolder } from './contracts/types.js';
import { emitBarrel } from './emit-barrel.js';
import { emitEnvelope } from './emit-envelope.js';
import { emitEventMap } from './emit-event-map.js';
import { emitEvents } from './emit-events.js';
import { emitMigrations } from './emit-migrations.js';
import { isReferenced, linkReferences, targetsOf } from './link-references.js';
import { compareText, plan } from './plan.js';

export interface GenerateOptions {
  /**
   * Module the generated code takes the SDK's types (`Envelope`, `EventMetadata`, `Handlers`) from,
   * as written in its imports. Default `charter/client`; a relative path is relative to the output folder.
   */
  importPath?: string | undefined;
  /** The contracts folder as the user named it, for the file names in reference errors. Default `.`. */
  contractsDir?: string | undefined;
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
  // Folder references (`common.Money/1.0.0`) must name versions of the folder, without cycles.
  const references = resolveFolderReferences(folder, options.contractsDir ?? '.');
  const targets = targetsOf(p);
  const files = new Map<string, string>();
  files.set('envelope.ts', emitEnvelope(options.importPath));
  // 2. Per version: its data interface (importing the types it references) and its precompiled
  //    validator (compiled with its reference closure).
  const versions = p.subjects.flatMap((s) => s.versions.map((v) => ({ s, v })));
  const types = await Promise.all(versions.map(({ s, v }) => compileTypes(v, linkReferences({ subject: s, version: v }, targets), isReferenced(p, s.subject, v.semver))));
  versions.forEach(({ s, v }, i) => {
    const at = `${s.folder}/${v.stem}`;
    files.set(`${at}.types.ts`, types[i]!);
    files.set(`${at}.validate.ts`, compileValidator(v, references.closure(s.subject, v.semver), options.importPath));
  });
  // 3. Per event subject: event classes and guards, then migration typings where rules exist. A
  //    shared type (referenced by another subject) is no event: its types and validators suffice.
  const migrations = new Map<string, string>();
  for (const s of p.subjects.filter((x) => !x.shared)) {
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
