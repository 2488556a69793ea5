import type { ContractVersion } from './types.js';

/** A reference as Confluent's API takes it: the `$ref` name, and the subject and registry version it names. */
export interface ConfluentReference {
  name: string;
  subject: string;
  version: number;
}

/**
 * A folder version's `$ref`s to other contracts as Confluent references — `name` is the `$ref`
 * target (`common.Money/1.0.0`), `version` the registry version number that holds its semver —
 * and the names whose version number is not known yet (not registered). `charter push` and the
 * flows' `pushContracts` both register through this mapping.
 *
 * @example
 * confluentReferences(version, new Map([['common.Money/1.0.0', 3]]));
 * // { references: [{ name: 'common.Money/1.0.0', subject: 'common.Money', version: 3 }], missing: [] }
 */
export function confluentReferences(v: ContractVersion, numbers: ReadonlyMap<string, number>): { references: ConfluentReference[]; missing: string[] } {
  const refs = v.references ?? [];
  const missing = refs.filter((r) => !numbers.has(r.name)).map((r) => r.name);
  return { references: refs.filter((r) => numbers.has(r.name)).map((r) => ({ name: r.name, subject: r.subject, version: numbers.get(r.name)! })), missing };
}
