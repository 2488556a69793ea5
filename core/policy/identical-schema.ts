import type { SchemaInput } from '../compat/index.js';
import { RegistryError } from '../errors/index.js';
import { canonicalJson } from '../schema/canonical.js';

/** A registered version, as far as identity goes. */
export interface IdentifiedVersion {
  version: number;
  semver: string;
  /** The schema's identity (see the registry's schema fingerprint). */
  fingerprint: string;
}

/**
 * Registering a schema identical to a live version of the subject is idempotent: the existing
 * version is the answer. Unless it declares another semver: one schema is one version, so the
 * same schema under a new semver (a "release" that changes nothing) is refused.
 */
export function identicalVersion<V extends IdentifiedVersion>(live: readonly V[], fingerprint: string, declared: string | undefined): V | undefined {
  const existing = live.find((version) => version.fingerprint === fingerprint);
  if (!existing || declared === undefined || declared === existing.semver) return existing;
  throw new RegistryError(
    'INVALID_SEMVER',
    `This schema is already registered as version ${existing.version} with semver ${existing.semver}; it cannot also be ${declared}`,
    { policyRule: 'identical-schema', existing: existing.semver },
  );
}

/**
 * A schema's identity also covers its metadata and rules (Confluent's), so the same text with a
 * new migration rule is a new identity. Declaring a new semver for the same text is still no
 * release: what producers and consumers see is unchanged. `charter check` refuses it from the
 * folder, and the registry refuses it here, so both agree.
 */
export function assertNotSameText(live: readonly { semver: string; input: SchemaInput }[], candidate: SchemaInput, declared: string): void {
  const text = (input: SchemaInput) => canonicalJson({ schema: input.schema, references: input.references ?? {} });
  const mine = text(candidate);
  const same = live.find((version) => version.semver !== declared && text(version.input) === mine);
  if (same === undefined) return;
  throw new RegistryError(
    'INVALID_SEMVER',
    `This schema is already registered with semver ${same.semver}; the same schema cannot also be ${declared} (only its metadata or rules differ)`,
    { policyRule: 'identical-schema', existing: same.semver },
  );
}
