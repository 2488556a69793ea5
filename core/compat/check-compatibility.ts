import { checkDirection, docOf } from './check-direction.js';
import { diffInternal, diffSchemas } from './diff-schemas.js';
import { recordCounterexampleSearch, searchCounterexample, type CounterexampleSearch } from './counterexample-search.js';
import { levelDirections, type CompatibilityLevel } from './levels.js';
import { withLimits } from './limits.js';
import type { Direction } from './subset/index.js';
import type { CompareOptions, CompatibilityResult, Counterexample, SchemaInput } from './types.js';

/**
 * Checks a candidate against earlier versions of its compatibility group (`previous`, NEWEST
 * FIRST): only the newest for non-transitive levels, all of them for `_TRANSITIVE` levels. The
 * whole check runs within `options.limits` (limits.ts): past them the answer is incompatible
 * with an UNDECIDABLE_LIMIT change.
 */
export function checkCompatibility(
  candidate: SchemaInput,
  previous: readonly SchemaInput[],
  level: CompatibilityLevel,
  options: CompareOptions = {},
): CompatibilityResult {
  return withLimits(options.limits, () => checkWithinLimits(candidate, previous, level, options));
}

function checkWithinLimits(candidate: SchemaInput, previous: readonly SchemaInput[], level: CompatibilityLevel, options: CompareOptions): CompatibilityResult {
  const policy = options.policy ?? 'STRICT';
  const directions = levelDirections[level];
  if (!directions) throw new TypeError(`unknown compatibility level ${String(level)}`);
  const scope = level.endsWith('_TRANSITIVE') ? previous : previous.slice(0, 1);
  const dNew = docOf(candidate);
  const failures: Array<{ input: SchemaInput; index: number; direction: Direction }> = [];
  // The newest version is diffed in full (both directions, with reasons): its changes are reported
  // either way, unless the caller wants reasons only on failure. Older versions of a transitive
  // group only need a yes/no unless they fail.
  const newest = previous.length && options.reasons !== 'on-failure' ? diffInternal(previous[0], candidate, policy) : undefined;
  for (let i = 0; i < scope.length; i++) {
    const prev = scope[i];
    for (const direction of directions) {
      const ok =
        i === 0 && newest ? (direction === 'backward' ? newest.backOk : newest.fwdOk) : checkDirection(docOf(prev), dNew, direction, policy, null);
      if (!ok) {
        failures.push({ input: prev, index: i, direction });
        break;
      }
    }
  }
  if (failures.length === 0) return { compatible: true, changes: newest ? newest.changes : [], messages: [] };
  const first = failures[0];
  const changes = first.index === 0 && newest ? newest.changes : diffSchemas(first.input, candidate, options);
  const relevant = changes.filter((c) => directions.some((d) => (d === 'backward' ? c.breaksBackward : c.breaksForward)));
  const versionLabel = (f: { input: SchemaInput; index: number }) => (f.input.version !== undefined ? `version ${f.input.version}` : `the ${ordinal(f.index)} earlier version`);
  const messages = relevant.map((c) => `${c.message} (at ${c.path || '/'}; ${c.breaksBackward ? 'backward' : 'forward'} check against ${versionLabel(first)})`);
  if (failures.length > 1) {
    const others = failures.slice(1, 11).map(versionLabel);
    messages.push(`also incompatible with ${others.join(', ')}${failures.length > 11 ? ` and ${failures.length - 11} more` : ''}`);
  }
  const result: CompatibilityResult = { compatible: false, changes, messages };
  if (first.input.version !== undefined) result.failedAgainstVersion = first.input.version;
  const [writer, reader] = first.direction === 'backward' ? [first.input, candidate] : [candidate, first.input];
  const search: CounterexampleSearch = { writer, reader, direction: first.direction, policy, ...(first.input.version !== undefined ? { againstVersion: first.input.version } : {}) };
  recordCounterexampleSearch(result, search);
  if (options.counterexample === 'deferred') return result;
  // The counterexample needs ajv and instance generation: computed on first access only.
  let cached: { value?: Counterexample } | undefined;
  Object.defineProperty(result, 'counterexample', {
    enumerable: true,
    configurable: true,
    get(): Counterexample | undefined {
      if (!cached) {
        cached = { value: searchCounterexample(search, options.limits) };
        Object.defineProperty(result, 'counterexample', { value: cached.value, enumerable: cached.value !== undefined, configurable: true, writable: true });
      }
      return cached.value;
    },
  });
  return result;
}

function ordinal(i: number): string {
  return i === 0 ? 'newest' : `${i + 1}${i === 0 ? 'st' : i === 1 ? 'nd' : i === 2 ? 'rd' : 'th'} newest`;
}
