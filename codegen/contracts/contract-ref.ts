import semver from 'semver';
import type { JsonSchema } from '../../core/schema/types.js';
import { collectRefs } from '../../core/schema/refs.js';

/**
 * A reference from a contract to another subject's version, written in a schema as
 * `{"$ref": "<subject>/<semver>"}` or `{"$ref": "<subject>/<semver>#<fragment>"}`. On push it becomes
 * a Confluent reference: `name` (the `$ref` target without fragment), `subject`, and the registry
 * version that holds `semver`.
 */
export interface ContractReference {
  /** `<subject>/<semver>`: the reference's name, as ajv and the registry know it. */
  name: string;
  subject: string;
  semver: string;
  /** 1-based line of the first `$ref` to it in the schema file (for error messages). */
  line: number;
}

/**
 * The subject and semver a `$ref` value names, or undefined when it is not of the folder form
 * (a local `#…` pointer, a URL, a file name). The subject part is one path segment.
 *
 * @example
 * parseContractRef('common.Money/1.0.0#/$defs/Amount'); // { name: 'common.Money/1.0.0', subject: 'common.Money', semver: '1.0.0', fragment: '/$defs/Amount' }
 */
export function parseContractRef(ref: string): { name: string; subject: string; semver: string; fragment: string } | undefined {
  const hash = ref.indexOf('#');
  const name = hash >= 0 ? ref.slice(0, hash) : ref;
  const slash = name.indexOf('/');
  if (slash <= 0 || name.includes(':')) return undefined;
  const subject = name.slice(0, slash);
  const version = name.slice(slash + 1);
  if (semver.valid(version) !== version) return undefined;
  return { name, subject, semver: version, fragment: hash >= 0 ? ref.slice(hash + 1) : '' };
}

/**
 * Every distinct folder-form reference in a schema, sorted by name, each with the line of its first
 * `$ref` in `text` (the schema file as written).
 */
export function contractReferences(schema: JsonSchema, text: string): ContractReference[] {
  const found = new Map<string, ContractReference>();
  for (const { ref } of collectRefs(schema)) {
    const parsed = parseContractRef(ref);
    if (!parsed || found.has(parsed.name)) continue;
    found.set(parsed.name, { name: parsed.name, subject: parsed.subject, semver: parsed.semver, line: lineOf(text, ref) });
  }
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function lineOf(text: string, ref: string): number {
  const at = text.indexOf(JSON.stringify(ref));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}
