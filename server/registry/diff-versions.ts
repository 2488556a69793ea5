import {
  classifyChange,
  diffSchemas,
  levelDirections,
  type CompatibilityLevel,
  type SchemaChange,
  type SchemaInput,
  type SemverBump,
} from '../../core/compat/index.js';
import { RegistryError } from '../../core/errors/index.js';
import type { RegistryContext } from './context.js';
import { resolveVersion } from './lookup.js';
import type { StoredVersion } from './model.js';
import { effectiveConfig } from './settings.js';
import { parseVersionSelector } from './version-param.js';

type Direction = 'backward' | 'forward';

/** One change of the engine's list, plus whether it breaks the subject's level. */
export interface DiffChange extends SchemaChange {
  breaksLevel: boolean;
}

export interface VersionDiff {
  subject: string;
  from: { version: number; semver: string; id: number };
  to: { version: number; semver: string; id: number };
  level: CompatibilityLevel;
  compatible: boolean;
  /** Whether `to` reads `from`'s events (backward) and `from` reads `to`'s (forward). */
  backward: boolean;
  forward: boolean;
  changes: DiffChange[];
  /**
   * Per breaking direction, an event the writer accepts and the reader refuses (checked with ajv);
   * left empty when the caller asked for none (`counterexamples=false`: the search can take seconds).
   */
  counterexamples: Array<{ direction: Direction; writer: string; reader: string; event: unknown }>;
  /** The smallest semver bump a release of `to` after `from` needs. */
  requiredBump: SemverBump;
}

/**
 * `GET /subjects/{s}/diff?from=&to=`: the compatibility engine's change list between two versions,
 * judged under the subject's level and policy, with a counterexample for each breaking direction
 * and the semver bump the change needs. Changes read from `from` to `to` (usually older to newer).
 */
export async function diffVersions(
  ctx: RegistryContext,
  subject: string,
  rawFrom: string,
  rawTo: string,
  options: { includeDeleted: boolean; counterexamples: boolean },
): Promise<VersionDiff> {
  const { includeDeleted } = options;
  const [from, to] = await Promise.all([
    resolveVersion(ctx.db, subject, parseVersionSelector(rawFrom), includeDeleted),
    resolveVersion(ctx.db, subject, parseVersionSelector(rawTo), includeDeleted),
  ]);
  const config = await effectiveConfig(ctx.db, subject);
  const [older, newer] = await Promise.all([inputOf(ctx, from), inputOf(ctx, to)]);
  const policy = { policy: config.compatibilityPolicy };
  const raw = diffSchemas(older, newer, policy);
  const backward = !raw.some((change) => change.breaksBackward);
  const forward = !raw.some((change) => change.breaksForward);
  const directions = levelDirections[config.compatibilityLevel];
  const breaksLevel = (change: SchemaChange) => directions.some((d) => (d === 'backward' ? change.breaksBackward : change.breaksForward));
  const changes = raw.map((change) => ({ ...change, breaksLevel: breaksLevel(change) }));

  const counterexamples: VersionDiff['counterexamples'] = [];
  if (options.counterexamples) {
    if (!backward) await addCounterexample(ctx, counterexamples, 'backward', [from, older], [to, newer]);
    if (!forward) await addCounterexample(ctx, counterexamples, 'forward', [to, newer], [from, older]);
  }

  return {
    subject,
    from: ref(from),
    to: ref(to),
    level: config.compatibilityLevel,
    compatible: !changes.some((change) => change.breaksLevel),
    backward,
    forward,
    changes,
    counterexamples,
    // The registry's semver rule: under NONE a change is judged as BACKWARD would judge it.
    requiredBump: classifyChange(older, newer, config.compatibilityLevel === 'NONE' ? 'BACKWARD' : config.compatibilityLevel, policy),
  };
}

// Searching for a counterexample compiles both schemas and samples the writer's events: seconds
// for very wide schemas, so it runs on the compile pool. Schema ids are immutable (their references
// pinned), and the search is always STRICT, so the answer for a pair of ids never changes.
const counterexampleCache = new Map<string, { event: unknown } | null>();
const CACHE_LIMIT = 1000;

async function addCounterexample(
  ctx: RegistryContext,
  out: VersionDiff['counterexamples'],
  direction: Direction,
  [writerVersion, writer]: [StoredVersion, SchemaInput],
  [readerVersion, reader]: [StoredVersion, SchemaInput],
): Promise<void> {
  const key = `${writerVersion.id}>${readerVersion.id}`;
  let found = counterexampleCache.get(key);
  if (found === undefined) {
    const counterexample = await ctx.compiler.counterexample({ writer, reader, direction, policy: 'STRICT' });
    found = counterexample === undefined ? null : { event: counterexample.event };
    if (counterexampleCache.size >= CACHE_LIMIT) counterexampleCache.delete(counterexampleCache.keys().next().value!);
    counterexampleCache.set(key, found);
  }
  if (found) out.push({ direction, writer: writerVersion.semver, reader: readerVersion.semver, event: found.event });
}

async function inputOf(ctx: RegistryContext, version: StoredVersion): Promise<SchemaInput> {
  const loaded = await ctx.schemas.load(ctx.db, version.id);
  if (!loaded) throw new RegistryError('SCHEMA_NOT_FOUND', `Schema ${version.id} not found`);
  return loaded.input;
}

const ref = (version: StoredVersion) => ({ version: version.version, semver: version.semver, id: version.id });
