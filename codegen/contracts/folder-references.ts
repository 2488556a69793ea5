import semver from 'semver';
import type { JsonSchema, ReferencedSchemas } from '../../core/schema/types.js';
import { ContractError } from './contract-error.js';
import type { ContractReference } from './contract-ref.js';
import type { ContractFolder, ContractSubject, ContractVersion } from './types.js';

/** A referenced version that is not in the folder, supplied by the caller (registry, baseline). */
export interface ExternalVersion {
  schema: JsonSchema;
  /** Its own references, by name, with their schemas (transitively), as the registry resolves them. */
  references?: ReferencedSchemas;
}

export interface FolderVersion {
  subject: ContractSubject;
  version: ContractVersion;
}

/** A contracts folder's references, checked: every target exists and nothing refers back to itself. */
export interface FolderReferences {
  /**
   * Every version in an order a registry can accept them: each subject's versions by semver, and
   * every referenced version before the versions that reference it. Ties go by subject name.
   */
  order: FolderVersion[];
  /** The schemas a version references, directly and transitively, keyed by reference name. */
  closure(subject: string, semver: string): ReferencedSchemas;
  /**
   * Versions in the folder that reference `subject` (any version, or only `version`), directly or
   * through another shared schema, sorted by subject then semver.
   */
  referencers(subject: string, version?: string): FolderVersion[];
}

/**
 * Checks and indexes the folder-form references (`{"$ref": "<subject>/<semver>"}`). A reference
 * to a subject or semver the folder does not hold is looked up in `external` (by name) and refused
 * otherwise; a cycle — of references, or of references against the semver order inside a subject —
 * is refused. Errors name the schema file and the line of the `$ref`.
 *
 * @example
 * const refs = resolveFolderReferences(await loadContracts('schemas'), 'schemas');
 * refs.closure('order.OrderPlaced', '2.0.0'); // { 'common.Money/1.0.0': { … } }
 */
export function resolveFolderReferences(folder: ContractFolder, dir: string, external: ReadonlyMap<string, ExternalVersion> = new Map()): FolderReferences {
  const byName = new Map<string, FolderVersion>();
  for (const subject of folder.subjects) for (const version of subject.versions) byName.set(`${subject.subject}/${version.semver}`, { subject, version });
  const at = (v: FolderVersion, ref: ContractReference) => `${dir}/${v.version.schemaFile}:${ref.line}`;

  for (const v of byName.values()) {
    for (const ref of v.version.references ?? []) {
      if (byName.has(ref.name) || external.has(ref.name)) continue;
      const subject = folder.subjects.find((s) => s.subject === ref.subject);
      const why = subject
        ? `${ref.subject} has no version ${ref.semver} (it has ${subject.versions.map((x) => x.semver).join(', ')})`
        : `there is no subject ${ref.subject} in the folder${external.size > 0 ? ' or the registry' : ''}`;
      throw new ContractError(at(v, ref), `$ref '${ref.name}' cannot be resolved: ${why}`);
    }
  }

  const order = orderVersions(folder, byName, at);
  const closures = new Map<string, ReferencedSchemas>();
  const closure = (subject: string, version: string): ReferencedSchemas => {
    const key = `${subject}/${version}`;
    const cached = closures.get(key);
    if (cached) return cached;
    const found: Record<string, JsonSchema> = {};
    const stack = [...(byName.get(key)?.version.references ?? [])].map((r) => r.name);
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (name in found) continue;
      const local = byName.get(name);
      if (local) {
        found[name] = local.version.schema;
        stack.push(...(local.version.references ?? []).map((r) => r.name));
      } else {
        const ext = external.get(name)!;
        found[name] = ext.schema;
        for (const [n, s] of Object.entries(ext.references ?? {})) if (!(n in found)) found[n] = s;
      }
    }
    closures.set(key, found);
    return found;
  };
  const referencers = (subject: string, version?: string): FolderVersion[] =>
    order.filter((v) => Object.keys(closure(v.subject.subject, v.version.semver)).some((name) => name === `${subject}/${version}` || (version === undefined && name.startsWith(`${subject}/`))));
  return { order, closure, referencers };
}

/** Kahn's algorithm over versions, smallest (subject, semver) first among those ready. */
function orderVersions(folder: ContractFolder, byName: Map<string, FolderVersion>, at: (v: FolderVersion, ref: ContractReference) => string): FolderVersion[] {
  const before = new Map<string, Set<string>>();
  for (const s of folder.subjects) {
    s.versions.forEach((v, i) => {
      const needs = new Set<string>();
      if (i > 0) needs.add(`${s.subject}/${s.versions[i - 1]!.semver}`);
      for (const ref of v.references ?? []) if (byName.has(ref.name) && ref.name !== `${s.subject}/${v.semver}`) needs.add(ref.name);
      before.set(`${s.subject}/${v.semver}`, needs);
    });
    for (const v of s.versions) {
      const self = (v.references ?? []).find((r) => r.name === `${s.subject}/${v.semver}`);
      if (self) throw new ContractError(at({ subject: s, version: v }, self), `$ref '${self.name}' refers to the schema itself`);
    }
  }
  const done = new Set<string>();
  const order: FolderVersion[] = [];
  const pending = [...byName.keys()].sort(compareNames);
  while (pending.length > 0) {
    const i = pending.findIndex((name) => [...before.get(name)!].every((n) => done.has(n)));
    if (i < 0) throw cycleError(pending, before, byName, at);
    const [name] = pending.splice(i, 1);
    done.add(name!);
    order.push(byName.get(name!)!);
  }
  return order;
}

function cycleError(pending: string[], before: Map<string, Set<string>>, byName: Map<string, FolderVersion>, at: (v: FolderVersion, ref: ContractReference) => string): ContractError {
  // Walk "needs" edges among the stuck versions until one repeats: that loop is the cycle.
  const stuck = new Set(pending);
  const path: string[] = [pending[0]!];
  for (;;) {
    const next = [...before.get(path.at(-1)!)!].find((n) => stuck.has(n))!;
    const seen = path.indexOf(next);
    if (seen >= 0) {
      const loop = [...path.slice(seen), next];
      const first = byName.get(loop[0]!)!;
      const ref = (first.version.references ?? []).find((r) => r.name === loop[1]) ?? { name: loop[1]!, subject: '', semver: '', line: 1 };
      return new ContractError(at(first, ref), `reference cycle: ${loop.join(' → ')} (each one references, or is a later version of, the next)`);
    }
    path.push(next);
  }
}

function compareNames(a: string, b: string): number {
  const [sa, va] = splitName(a);
  const [sb, vb] = splitName(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  return semver.compare(va, vb);
}

function splitName(name: string): [string, string] {
  const slash = name.lastIndexOf('/');
  return [name.slice(0, slash), name.slice(slash + 1)];
}
