import semver from 'semver';
import { RegistryError } from '../../core/errors/index.js';

/** A version as a path or body names it: an integer, `latest`, or a semver. */
export type VersionSelector = { kind: 'number'; version: number } | { kind: 'latest' } | { kind: 'semver'; semver: string };

const MAX_VERSION = 2_147_483_647;

/**
 * Parses `/versions/{v}`. Integers from 1, `latest` and full semvers (`2.0.0`) resolve; anything
 * else (`0`, `-1`, `1.2`, `abc`) is refused with 42202 rather than guessed at.
 */
export function parseVersionSelector(raw: string | number): VersionSelector {
  const text = String(raw);
  if (text === 'latest') return { kind: 'latest' };
  if (/^[1-9][0-9]{0,9}$/.test(text) && Number(text) <= MAX_VERSION) return { kind: 'number', version: Number(text) };
  if (semver.valid(text) === text) return { kind: 'semver', semver: text };
  throw new RegistryError(
    'INVALID_VERSION',
    `The specified version '${text.slice(0, 100)}' is not a valid version id. Allowed values are between 1 and ${MAX_VERSION}, 'latest', or a semver such as 2.0.0`,
  );
}
