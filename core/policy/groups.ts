import semver from 'semver';

/** What decides a version's compatibility group: its semver and, when configured, a metadata property. */
export type GroupOf = (version: { semver: string; metadata?: { properties?: Record<string, string> } }) => string;

/**
 * Versions split into compatibility groups by the configured metadata property (Confluent's
 * `compatibilityGroup`), else by semver major: compatibility is enforced inside a group only.
 */
export function groupFunction(config: { compatibilityGroup?: string }): GroupOf {
  const property = config.compatibilityGroup;
  return property ? (version) => version.metadata?.properties?.[property] ?? '' : (version) => String(semver.major(version.semver));
}
