import semver from 'semver';
import type { JsonSchema } from '../core/schema/types.js';
import type { ContractFolder, ContractSubject, ContractVersion } from './contracts/types.js';
import { baseNames, domainOf, eventTypeOf, folderOf, pascalCase, semverSuffix } from './name.js';

/** One version with every name and path the emitters need, decided once here. */
export interface PlannedVersion {
  semver: string;
  major: number;
  schema: JsonSchema;
  schemaFile: string;
  contract: ContractVersion;
  /** `OrderPlacedV1_1_0`: the data interface of exactly this version. */
  typeName: string;
  /** `v1_1_0`: file stem of this version's modules inside the subject folder. */
  stem: string;
}

/** A major version line; its names (`OrderPlacedV1`) alias the latest version of that major. */
export interface PlannedMajor {
  major: number;
  name: string;
  first: PlannedVersion;
  latest: PlannedVersion;
}

export interface PlannedSubject {
  subject: string;
  domain: string;
  eventType: string;
  aggregateType: string;
  base: string;
  folder: string;
  versions: PlannedVersion[];
  majors: PlannedMajor[];
  latest: PlannedMajor;
  /**
   * Another subject of the folder references it (`{"$ref": "common.Money/1.0.0"}`): a shared type,
   * not an event. It gets its types and validators but no envelope, event class or event-map entry.
   */
  shared: boolean;
}

export interface PlannedDomain {
  domain: string;
  /** `Order`: prefix of the domain's map and union names. */
  name: string;
  subjects: PlannedSubject[];
}

export interface Plan {
  subjects: PlannedSubject[];
  /** Domains of the event subjects (shared types are in no domain). */
  domains: PlannedDomain[];
}

/**
 * Decides every name and path of the output from the contracts. Sorting happens here (subjects
 * by name, versions by semver) so that every emitter after it is deterministic by construction.
 */
export function plan(folder: ContractFolder): Plan {
  const sorted = [...folder.subjects].sort((a, b) => compareText(a.subject, b.subject));
  const bases = baseNames(sorted.map((s) => s.subject));
  const referenced = new Set(folder.subjects.flatMap((s) => s.versions.flatMap((v) => (v.references ?? []).filter((r) => r.subject !== s.subject).map((r) => r.subject))));
  const subjects = sorted.map((s) => planSubject(s, bases.get(s.subject)!, referenced.has(s.subject)));
  const byDomain = new Map<string, PlannedSubject[]>();
  for (const s of subjects.filter((x) => !x.shared)) byDomain.set(s.domain, [...(byDomain.get(s.domain) ?? []), s]);
  const domains = [...byDomain].map(([domain, members]) => ({ domain, name: pascalCase(domain), subjects: members }));
  return { subjects, domains: domains.sort((a, b) => compareText(a.domain, b.domain)) };
}

function planSubject(s: ContractSubject, base: string, shared: boolean): PlannedSubject {
  const versions = [...s.versions]
    .sort((a, b) => semver.compare(a.semver, b.semver))
    .map((v) => ({
      semver: v.semver,
      major: semver.major(v.semver),
      schema: v.schema,
      schemaFile: v.schemaFile,
      contract: v,
      typeName: `${base}V${semverSuffix(v.semver)}`,
      stem: `v${semverSuffix(v.semver)}`,
    }));
  const majors: PlannedMajor[] = [];
  for (const v of versions) {
    const line = majors.at(-1);
    if (line?.major === v.major) line.latest = v;
    else majors.push({ major: v.major, name: `${base}V${v.major}`, first: v, latest: v });
  }
  const domain = domainOf(s.subject);
  return {
    subject: s.subject,
    domain,
    eventType: eventTypeOf(s.subject),
    aggregateType: pascalCase(domain),
    base,
    folder: folderOf(s.subject),
    versions,
    majors,
    latest: majors.at(-1)!,
    shared,
  };
}

/** Code-unit order, independent of the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
