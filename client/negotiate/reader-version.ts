import semver from 'semver';

/**
 * The highest registered version inside a semver range: the version a reader that `accept`s the
 * range wants its events in. `undefined` when no registered version satisfies the range.
 *
 * @example
 *   readerVersion([{ semver: '1.0.0' }, { semver: '2.0.0' }, { semver: '2.1.0' }], '^2.0.0') // { semver: '2.1.0' }
 */
export function readerVersion<T extends { semver: string }>(registered: readonly T[], range: string): T | undefined {
  let best: T | undefined;
  for (const entry of registered) {
    if (!semver.satisfies(entry.semver, range)) continue;
    if (best === undefined || semver.gt(entry.semver, best.semver)) best = entry;
  }
  return best;
}
