import semver from 'semver';

/**
 * The version a producer should write so that every declared reader can take it: the highest
 * registered version that satisfies every reader's range and is not newer than the producer's own
 * (so it downcasts rather than invents data). When every acceptable version is newer than the
 * producer's, the lowest of them (the shortest upcast). No readers → the producer's own version.
 * `undefined` when the readers' ranges have no registered version in common.
 *
 * @example
 *   writerVersion(['1.0.0', '1.1.0', '2.0.0'], ['~1.1.0', '>=1.0.0'], '2.0.0') // '1.1.0'
 */
export function writerVersion(registered: readonly string[], readerRanges: readonly string[], own: string): string | undefined {
  if (readerRanges.length === 0) return own;
  const acceptable = registered.filter((v) => readerRanges.every((range) => semver.satisfies(v, range)));
  if (acceptable.length === 0) return undefined;
  const notNewer = acceptable.filter((v) => semver.lte(v, own));
  if (notNewer.length > 0) return notNewer.sort(semver.rcompare)[0];
  return acceptable.sort(semver.compare)[0];
}
