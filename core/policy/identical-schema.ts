import { RegistryError } from '../errors/index.js';

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
