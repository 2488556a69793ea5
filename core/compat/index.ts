/**
 * Charter's JSON Schema compatibility engine (pure: no I/O).
 *
 * The core is a sound subset check (`subset.ts`): backward compatibility of a new version against an
 * old one is "every event valid under the old schema is valid under the new one", forward is the
 * converse. Where a keyword cannot be decided exactly, the answer is "incompatible" with a change
 * saying why — a breaking change is never called compatible.
 */
import { compileValidator, sampleInstancesInternal } from '../schema/instances.js';
import type { JsonSchema, ReferencedSchemas } from '../schema/types.js';
import { annotationChanges, stripAnnotations } from './annotations.js';
import { getDoc, isObject, nodeInfo, type Doc } from './document.js';
import { changeKinds, mergedKinds, type ChangeDetail, type ChangeKind } from './kinds.js';
import { K_ALL, rootRef } from './normalize.js';
import { newContext, sub, type Direction, type RawChange } from './subset.js';

export { changeKinds, type ChangeKind, type ChangeDetail, type ChangeKindSpec } from './kinds.js';
export { compatDraft } from './document.js';
export type { JsonSchema, ReferencedSchemas } from '../schema/types.js';

export type CompatibilityLevel = 'NONE' | 'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE' | 'FULL' | 'FULL_TRANSITIVE';
export const compatibilityLevels: readonly CompatibilityLevel[] = Object.freeze([
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const);
export type CompatibilityPolicy = 'STRICT' | 'LENIENT';

export interface SchemaChange {
  kind: ChangeKind;
  /** JSON pointer into the schema ("" is the root). */
  path: string;
  breaksBackward: boolean;
  breaksForward: boolean;
  message: string;
}

export interface SchemaInput {
  schema: JsonSchema;
  references?: ReferencedSchemas;
  version?: number;
}

export interface CompareOptions {
  policy?: CompatibilityPolicy;
}

export interface Counterexample {
  event: unknown;
  direction: 'backward' | 'forward';
  againstVersion?: number;
  writer: 'older' | 'newer';
}

export interface CompatibilityResult {
  compatible: boolean;
  changes: SchemaChange[];
  messages: string[];
  counterexample?: Counterexample;
  failedAgainstVersion?: number;
}

export type SemverBump = 'patch' | 'minor' | 'major';

const NO_REFS: ReferencedSchemas = Object.freeze({});

function docOf(input: SchemaInput): Doc {
  return getDoc(input.schema, input.references ?? NO_REFS);
}

/** Runs one direction of the subset check; `sink` collects the reasons when given. */
function checkDirection(older: Doc, newer: Doc, direction: Direction, policy: CompatibilityPolicy, sink: RawChange[] | null): boolean {
  const ctx = newContext(policy, direction, sink, newer.draft);
  const [writer, reader] = direction === 'backward' ? [older, newer] : [newer, older];
  return sub([rootRef(writer)], K_ALL, [rootRef(reader)], '', 0, ctx);
}

function mergeRaw(raw: RawChange[]): SchemaChange[] {
  const byKey = new Map<string, { kind: ChangeKind; path: string; back: boolean; fwd: boolean; detail: ChangeDetail }>();
  for (const r of raw) {
    const key = `${r.kind}\u0000${r.path}`;
    const have = byKey.get(key);
    if (have) {
      if (r.direction === 'backward') have.back = true;
      else have.fwd = true;
      continue;
    }
    byKey.set(key, { kind: r.kind, path: r.path, back: r.direction === 'backward', fwd: r.direction === 'forward', detail: r.detail });
  }
  // X_NARROWED (backward) + X_EXTENDED (forward) at one path → X_CHANGED
  for (const [kind, m] of Object.entries(mergedKinds) as Array<[ChangeKind, { other: ChangeKind; merged: ChangeKind }]>) {
    for (const entry of [...byKey.values()]) {
      if (entry.kind !== kind) continue;
      const otherKey = `${m.other}\u0000${entry.path}`;
      const other = byKey.get(otherKey);
      if (!other) continue;
      byKey.delete(`${kind}\u0000${entry.path}`);
      byKey.delete(otherKey);
      byKey.set(`${m.merged}\u0000${entry.path}`, {
        kind: m.merged,
        path: entry.path,
        back: entry.back || other.back,
        fwd: entry.fwd || other.fwd,
        detail: { ...entry.detail, note: entry.detail.note ?? other.detail.note },
      });
    }
  }
  return [...byKey.values()].map((e) => ({
    kind: e.kind,
    path: e.path,
    breaksBackward: e.back,
    breaksForward: e.fwd,
    message: changeKinds[e.kind].describe(e.detail),
  }));
}

function sortChanges(changes: SchemaChange[]): SchemaChange[] {
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/**
 * Every difference between two versions that matters to readers, with which direction it breaks,
 * plus annotation-only differences (which break nothing).
 */
export function diffSchemas(older: SchemaInput, newer: SchemaInput, options: CompareOptions = {}): SchemaChange[] {
  return diffInternal(older, newer, options.policy ?? 'STRICT').changes;
}

function diffInternal(older: SchemaInput, newer: SchemaInput, policy: CompatibilityPolicy): { changes: SchemaChange[]; backOk: boolean; fwdOk: boolean } {
  const dOld = docOf(older);
  const dNew = docOf(newer);
  const raw: RawChange[] = [];
  const backOk = checkDirection(dOld, dNew, 'backward', policy, raw);
  const fwdOk = checkDirection(dOld, dNew, 'forward', policy, raw);
  // A failing direction always carries at least one reason.
  if (!backOk && !raw.some((r) => r.direction === 'backward')) raw.push(fallback('backward'));
  if (!fwdOk && !raw.some((r) => r.direction === 'forward')) raw.push(fallback('forward'));
  const changes = mergeRaw(raw);
  for (const a of annotationChanges(older.schema, newer.schema)) {
    changes.push({
      kind: a.kind,
      path: a.path,
      breaksBackward: false,
      breaksForward: false,
      message: changeKinds[a.kind].describe({ key: a.key, old: a.old, new: a.new }),
    });
  }
  return { changes: sortChanges(changes), backOk, fwdOk };
}

function fallback(direction: Direction): RawChange {
  return {
    kind: direction === 'backward' ? 'SCHEMA_NARROWED' : 'SCHEMA_EXTENDED',
    path: '',
    direction,
    detail: { direction, note: 'the engine could not prove the schemas compatible' },
  };
}

const levelDirections: Record<CompatibilityLevel, Direction[]> = {
  NONE: [],
  BACKWARD: ['backward'],
  BACKWARD_TRANSITIVE: ['backward'],
  FORWARD: ['forward'],
  FORWARD_TRANSITIVE: ['forward'],
  FULL: ['backward', 'forward'],
  FULL_TRANSITIVE: ['backward', 'forward'],
};

/**
 * Checks a candidate against earlier versions of its compatibility group (`previous`, NEWEST
 * FIRST): only the newest for non-transitive levels, all of them for `_TRANSITIVE` levels.
 */
export function checkCompatibility(
  candidate: SchemaInput,
  previous: readonly SchemaInput[],
  level: CompatibilityLevel,
  options: CompareOptions = {},
): CompatibilityResult {
  const policy = options.policy ?? 'STRICT';
  const directions = levelDirections[level];
  if (!directions) throw new TypeError(`unknown compatibility level ${String(level)}`);
  const scope = level.endsWith('_TRANSITIVE') ? previous : previous.slice(0, 1);
  const dNew = docOf(candidate);
  const failures: Array<{ input: SchemaInput; index: number; direction: Direction }> = [];
  // The newest version is diffed in full (both directions, with reasons): its changes are reported
  // either way. Older versions of a transitive group only need a yes/no unless they fail.
  const newest = previous.length ? diffInternal(previous[0], candidate, policy) : undefined;
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
  // The counterexample needs ajv and instance generation: computed on first access only.
  let cached: { value?: Counterexample } | undefined;
  Object.defineProperty(result, 'counterexample', {
    enumerable: true,
    configurable: true,
    get(): Counterexample | undefined {
      if (!cached) {
        const event = findCounterexample(writer, reader);
        cached = {
          value:
            event === undefined
              ? undefined
              : {
                  event,
                  direction: first.direction,
                  writer: first.direction === 'backward' ? 'older' : 'newer',
                  ...(first.input.version !== undefined ? { againstVersion: first.input.version } : {}),
                },
        };
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

/** `patch` when only annotations changed; `minor` when compatible under the level; else `major`. */
export function classifyChange(older: SchemaInput, newer: SchemaInput, level: CompatibilityLevel, options: CompareOptions = {}): SemverBump {
  const same = nodeInfo(stripAnnotations(older.schema)).id === nodeInfo(stripAnnotations(newer.schema)).id;
  const sameRefs = referencesEquivalent(older.references, newer.references);
  if (same && sameRefs) return 'patch';
  return checkCompatibility(newer, [older], level, options).compatible ? 'minor' : 'major';
}

function referencesEquivalent(a: ReferencedSchemas | undefined, b: ReferencedSchemas | undefined): boolean {
  const ka = Object.keys(a ?? {}).sort();
  const kb = Object.keys(b ?? {}).sort();
  if (ka.join('\u0000') !== kb.join('\u0000')) return false;
  return ka.every((k) => nodeInfo(stripAnnotations(a![k])).id === nodeInfo(stripAnnotations(b![k])).id);
}

/** Property names mentioned anywhere in a schema (to try as extra keys of open objects). */
function propertyNames(schema: unknown, out: Set<string>, depth = 0): void {
  if (depth > 64 || out.size > 64) return;
  if (Array.isArray(schema)) {
    for (const s of schema) propertyNames(s, out, depth + 1);
    return;
  }
  if (!isObject(schema)) return;
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default') continue;
    if ((k === 'properties' || k === 'dependentSchemas' || k === 'dependentRequired' || k === 'dependencies') && isObject(v)) for (const name of Object.keys(v)) out.add(name);
    if (k === 'required' && Array.isArray(v)) for (const name of v) if (typeof name === 'string') out.add(name);
    if (typeof v === 'object' && v !== null) propertyNames(v, out, depth + 1);
  }
}

/**
 * An event valid under the writer schema and invalid under the reader schema, both checked with
 * ajv, or undefined when none was found.
 */
export function findCounterexample(writer: SchemaInput, reader: SchemaInput): unknown | undefined {
  const readerValidate = compileValidator(reader.schema, reader.references ?? NO_REFS);
  if (!readerValidate) return undefined;
  const hints = new Set<string>();
  propertyNames(reader.schema, hints);
  for (const r of Object.values(reader.references ?? {})) propertyNames(r, hints);
  const hintKeys = [...hints];
  for (const seed of [1, 2, 3]) {
    const samples = sampleInstancesInternal(writer.schema, { references: writer.references, count: 80, seed, hintKeys, attempts: 300 });
    for (const event of samples) {
      let ok = true;
      try {
        ok = readerValidate(event) === true;
      } catch {
        ok = true;
      }
      if (!ok) return event;
    }
  }
  return undefined;
}
