import semver from 'semver';
import {
  checkCompatibility,
  classifyChange,
  diffSchemas,
  onlyAnnotationsDiffer,
  type CompatibilityLevel,
  type CompatibilityPolicy,
  type CompatibilityResult,
  type SchemaInput,
  type SemverBump,
} from '../compat/index.js';
import { RegistryError } from '../errors/index.js';

/** One registered version as the policy sees it, in registration order. */
export interface PolicyVersion {
  version: number;
  semver: string;
  input: SchemaInput;
  /** The compatibility group it belongs to (its major, unless `compatibilityGroup` names a property). */
  group: string;
}

/** The settings the policy reads; the registry's effective config has (at least) these. */
export interface PolicyConfig {
  compatibilityLevel: CompatibilityLevel;
  compatibilityPolicy: CompatibilityPolicy;
  requireMigration: boolean;
}

export interface VersionDecision {
  semver: string;
  bump: SemverBump | 'initial';
  /** True when the version opens a new compatibility group (a new major): migration rules apply. */
  opensGroup: boolean;
  compatibility?: CompatibilityResult;
}

const bumpRank: Record<SemverBump, number> = { patch: 0, minor: 1, major: 2 };

/**
 * Decides the semver of a new version and whether the change may be made at all. Every refusal is
 * a RegistryError whose `details.policyRule` names the rule (`semver-order`, `compatible-within-major`,
 * `semver-bump`), so `charter check` reports the registry's verdict under the same name.
 *
 * - Ordering: a declared semver must be greater than the latest version's, in registration order
 *   (a back-patch 1.0.1 after 2.0.0 is refused: versions are a line, not a tree).
 * - Within a compatibility group the subject's level is enforced and the bump is inferred (patch
 *   for annotations, minor for compatible changes) or checked against the declared one.
 * - A breaking change needs a declared new major; it is never inferred, except under level NONE,
 *   where the subject has opted out of compatibility and a breaking change is labelled major.
 */
export function decideVersion(params: {
  candidate: SchemaInput;
  candidateGroup: (semver: string) => string;
  live: readonly PolicyVersion[];
  declared?: string;
  config: PolicyConfig;
  /** The group check, when the caller has just run it (the compatibility endpoint): not run again. */
  checked?: CompatibilityResult;
  /**
   * `deferred`: a refusal carries no counterexample yet; the caller finds one from the refusal's
   * `cause` (the CompatibilityResult, see core/compat `counterexampleSearchOf`), off the event loop.
   */
  counterexample?: 'lazy' | 'deferred';
}): VersionDecision {
  const { candidate, live, declared, config } = params;
  const latest = live.at(-1);
  if (!latest) return { semver: declared ?? '1.0.0', bump: 'initial', opensGroup: true };
  if (declared !== undefined && !semver.gt(declared, latest.semver)) {
    throw new RegistryError(
      'INVALID_SEMVER',
      `Declared semver ${declared} must be greater than the latest version's ${latest.semver} (version ${latest.version})`,
      { policyRule: 'semver-order', latest: latest.semver },
    );
  }
  const group = params.candidateGroup(declared ?? latest.semver);
  const groupVersions = live.filter((v) => v.group === group).reverse();
  // A new group opened by a metadata property (Confluent's compatibilityGroup) need not declare its semver.
  if (groupVersions.length === 0) return { semver: declared ?? semver.inc(latest.semver, 'major')!, bump: 'major', opensGroup: true };

  const options = { policy: config.compatibilityPolicy };
  const compatibility =
    params.checked ??
    checkCompatibility(candidate, compared(groupVersions, config).map(versionInput), config.compatibilityLevel, {
      ...options,
      reasons: 'on-failure',
      counterexample: params.counterexample,
    });
  if (!compatibility.compatible) throw incompatible(compatibility, latest, config.compatibilityLevel);

  const level = config.compatibilityLevel === 'NONE' ? 'BACKWARD' : config.compatibilityLevel;
  // The group check just passed against the latest version under this same level: a minor at most,
  // without running the check again. Otherwise (level NONE, or the latest is in another group) ask.
  const required =
    config.compatibilityLevel !== 'NONE' && groupVersions[0] === latest
      ? onlyAnnotationsDiffer(latest.input, candidate)
        ? 'patch'
        : 'minor'
      : classifyChange(latest.input, candidate, level, options);
  if (declared === undefined) {
    if (required === 'major') return { semver: semver.inc(latest.semver, 'major')!, bump: 'major', opensGroup: true, compatibility };
    return { semver: semver.inc(latest.semver, required)!, bump: required, opensGroup: false, compatibility };
  }
  const declaredBump = bumpBetween(latest.semver, declared);
  if (bumpRank[declaredBump] < bumpRank[required]) {
    // A compatible check was run for its verdict only: describe the changes for the refusal.
    const changes = compatibility.changes.length ? compatibility.changes : diffSchemas(latest.input, candidate, options);
    throw new RegistryError(
      'INVALID_SEMVER',
      `Declared semver ${declared} is a ${declaredBump} bump from ${latest.semver}, but this change needs a ${required} bump ` +
        `(at least ${semver.inc(latest.semver, required)}): ${summarise({ changes })}`,
      { policyRule: 'semver-bump', changes, requiredBump: required, declaredBump, latest: latest.semver },
    );
  }
  return { semver: declared, bump: required, opensGroup: false, compatibility };
}

/** The bump from one semver to a greater one; a pre-release counts as the bump it leads to. */
export function bumpBetween(from: string, to: string): SemverBump {
  const diff = semver.diff(from, to);
  if (diff === 'major' || diff === 'premajor') return 'major';
  if (diff === 'minor' || diff === 'preminor') return 'minor';
  return 'patch';
}

/** The versions the level compares against (newest first): all of the group when transitive. */
function compared(groupVersions: readonly PolicyVersion[], config: PolicyConfig): readonly PolicyVersion[] {
  return config.compatibilityLevel.endsWith('_TRANSITIVE') ? groupVersions : groupVersions.slice(0, 1);
}

function versionInput(version: PolicyVersion): SchemaInput {
  return { ...version.input, version: version.version };
}

function incompatible(result: CompatibilityResult, latest: PolicyVersion, level: CompatibilityLevel): RegistryError {
  const nextMajor = semver.inc(latest.semver, 'major');
  return new RegistryError(
    'INCOMPATIBLE_SCHEMA',
    `Schema being registered is incompatible with an earlier schema (version ${result.failedAgainstVersion ?? latest.version}): ` +
      `${summarise(result)}. To make this breaking change, declare a new major ("semver": "${nextMajor}") with an UPGRADE migration rule from ${latest.semver}`,
    {
      policyRule: 'compatible-within-major',
      level,
      latest: latest.semver,
      changes: result.changes,
      messages: result.messages,
      ...(result.counterexample ? { counterexample: result.counterexample } : {}),
    },
    { cause: result },
  );
}

function summarise(result: Pick<CompatibilityResult, 'changes'>): string {
  const breaking = result.changes.filter((change) => change.breaksBackward || change.breaksForward);
  const shown = (breaking.length > 0 ? breaking : result.changes).slice(0, 3).map((change) => `${change.message} (${change.path})`);
  return shown.join('; ') || 'no changes';
}
