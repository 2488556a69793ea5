import { basename, dirname } from 'node:path';
import semver from 'semver';
import { ContractError, resolveFolderReferences, type ContractFolder, type ExternalVersion, type FolderReferences } from '../../codegen/index.js';
import type { JsonSchema, ReferencedSchemas } from '../../core/schema/types.js';
import type { Baseline, BaselineReference, BaselineVersion } from './baseline.js';
import type { Finding } from './finding.js';

/** The folder's references resolved (folder first, then the baseline), and every version's closure. */
export interface CheckReferences {
  folder: FolderReferences;
  /** What a version references, transitively, by name: the folder's copy when it has the version, else the baseline's. */
  closureOf(subject: string, semver: string): ReferencedSchemas;
}

/**
 * Resolves the folder-form references of a contracts folder against the folder and then the
 * baseline (a registry, an export, the folder at a git ref): a compiled or compared version
 * always carries the schemas it references. Throws ContractError (file:line) for a reference
 * that resolves nowhere or a cycle.
 */
export function checkReferences(dir: string, folder: ContractFolder, baseline: Baseline): CheckReferences {
  const closures = new Map<BaselineVersion, ReferencedSchemas>();
  const baselineClosure = (v: BaselineVersion): ReferencedSchemas => {
    const cached = closures.get(v);
    if (cached) return cached;
    const found: Record<string, JsonSchema> = {};
    closures.set(v, found); // a cycle in the baseline ends here instead of looping
    for (const ref of v.references ?? []) {
      const target = baselineTarget(baseline, ref);
      if (!target) continue; // the registry resolved it when it accepted the version; an export may be partial
      Object.assign(found, baselineClosure(target), { [ref.name]: target.schema });
    }
    return found;
  };

  const inFolder = new Set(folder.subjects.flatMap((s) => s.versions.map((v) => `${s.subject}/${v.semver}`)));
  const external = new Map<string, ExternalVersion>();
  for (const s of folder.subjects) {
    for (const v of s.versions) {
      for (const ref of v.references ?? []) {
        if (inFolder.has(ref.name) || external.has(ref.name)) continue;
        const target = baselineTarget(baseline, { name: ref.name, subject: ref.subject, semver: ref.semver });
        if (target) external.set(ref.name, { schema: target.schema, references: baselineClosure(target) });
        else if (baseline.subjects.get(ref.subject)?.versions.length) {
          // The baseline knows the subject, not the version: say what both have (the folder alone would not know).
          const inBoth = [...(folder.subjects.find((x) => x.subject === ref.subject)?.versions ?? []), ...baseline.subjects.get(ref.subject)!.versions];
          const known = [...new Set(inBoth.map((x) => x.semver))].sort(semver.compare);
          throw new ContractError(
            `${dir}/${v.schemaFile}:${ref.line}`,
            `$ref '${ref.name}' cannot be resolved: ${ref.subject} has no version ${ref.semver} in the folder or ${baseline.source} (they have ${known.join(', ')})`,
          );
        }
      }
    }
  }
  const refs = resolveFolderReferences(folder, dir, external);
  return {
    folder: refs,
    closureOf(subject, semver) {
      if (inFolder.has(`${subject}/${semver}`)) return refs.closure(subject, semver);
      const published = baseline.subjects.get(subject)?.versions.find((v) => v.semver === semver);
      return published ? baselineClosure(published) : {};
    },
  };
}

/** The published version a reference points at: by semver when it names one, else by registry version number. */
export function baselineTarget(baseline: Baseline, ref: BaselineReference): BaselineVersion | undefined {
  const versions = baseline.subjects.get(ref.subject)?.versions ?? [];
  const semver = ref.semver ?? (ref.version === undefined ? undefined : versions.find((v) => v.version === ref.version)?.semver);
  return semver === undefined ? undefined : versions.find((v) => v.semver === semver);
}

/**
 * An unresolvable reference or a cycle as a finding on the schema file and line of the `$ref`
 * (the ContractError names `<dir>/<subject>/<semver>.schema.json:<line>`).
 */
export function referenceFinding(error: ContractError): Finding {
  const at = /^(.*):(\d+)$/.exec(error.file);
  const file = at ? at[1]! : error.file;
  const semver = basename(file).replace(/\.schema\.json$/, '');
  return {
    check: 'references-resolve',
    severity: 'error',
    subject: basename(dirname(file)),
    semver,
    file,
    ...(at ? { line: Number(at[2]) } : {}),
    message: error.message.slice(error.file.length + 2),
    hint: 'a $ref to another contract is "<subject>/<semver>" (optionally #/pointer): add that version to the folder or register it first, and break any loop of references',
  };
}
