import type { JsonSchema, ReferencedSchemas } from '../schema/types.js';
import { collectRefs } from '../schema/refs.js';
import { stripAnnotations } from './annotations.js';
import { checkCompatibility } from './check-compatibility.js';
import { nodeInfo, onInternReset } from './document/index.js';
import type { CompatibilityLevel } from './levels.js';
import { withLimits } from './limits.js';
import type { CompareOptions, SchemaInput, SemverBump } from './types.js';

/** `patch` when only annotations changed; `minor` when compatible under the level; else `major`. */
export function classifyChange(older: SchemaInput, newer: SchemaInput, level: CompatibilityLevel, options: CompareOptions = {}): SemverBump {
  return withLimits(options.limits, () => {
    if (onlyAnnotationsDiffer(older, newer)) return 'patch';
    return checkCompatibility(newer, [older], level, options).compatible ? 'minor' : 'major';
  });
}

/** The two versions differ in annotations at most (title, description, examples…): a patch. */
export function onlyAnnotationsDiffer(older: SchemaInput, newer: SchemaInput): boolean {
  return withLimits(undefined, () => {
    const po = refTargets(older);
    const pn = refTargets(newer);
    const paths = po === pn ? po : [...new Set([...po, ...pn])];
    return annotationFreeId(older.schema, paths) === annotationFreeId(newer.schema, paths) && referencesEquivalent(older.references, newer.references, paths);
  });
}

// Per document root: a registry asks this of its latest version at every registration.
let annotationFreeIds = new WeakMap<object, Map<string, number>>();
let targetCache = new WeakMap<object, WeakMap<object, string[]>>();
onInternReset(() => {
  annotationFreeIds = new WeakMap();
  targetCache = new WeakMap();
});
const NO_PATHS: string[] = [];
const EMPTY_REFS = Object.freeze({});

/** JSON pointers that `$ref`s of the schema and its references point at (local fragments). */
function refTargets(input: SchemaInput): string[] {
  if (typeof input.schema !== 'object' || input.schema === null) return NO_PATHS;
  const refsKey = (input.references ?? EMPTY_REFS) as object;
  let byRefs = targetCache.get(input.schema);
  if (!byRefs) targetCache.set(input.schema, (byRefs = new WeakMap()));
  let found = byRefs.get(refsKey);
  if (!found) {
    const set = new Set<string>();
    for (const s of [input.schema, ...Object.values(input.references ?? {})]) {
      for (const { ref } of collectRefs(s)) {
        const hash = ref.indexOf('#');
        if (hash < 0) continue;
        let fragment = ref.slice(hash + 1);
        try {
          fragment = decodeURIComponent(fragment);
        } catch {
          /* keep raw */
        }
        if (fragment.startsWith('/')) set.add(fragment);
      }
    }
    found = set.size ? [...set].sort() : NO_PATHS;
    byRefs.set(refsKey, found);
  }
  return found;
}

/** Structural id of a schema without its annotations (keeping what `paths` point into). */
function annotationFreeId(schema: JsonSchema, paths: string[]): number {
  if (typeof schema !== 'object' || schema === null) return nodeInfo(schema).id;
  const key = paths.join('\u0000');
  let byPaths = annotationFreeIds.get(schema);
  if (!byPaths) annotationFreeIds.set(schema, (byPaths = new Map()));
  let id = byPaths.get(key);
  if (id === undefined) {
    if (byPaths.size > 8) byPaths.clear();
    byPaths.set(key, (id = nodeInfo(stripAnnotations(schema, paths)).id));
  }
  return id;
}

function referencesEquivalent(a: ReferencedSchemas | undefined, b: ReferencedSchemas | undefined, paths: string[]): boolean {
  const ka = Object.keys(a ?? {}).sort();
  const kb = Object.keys(b ?? {}).sort();
  if (ka.join('\u0000') !== kb.join('\u0000')) return false;
  return ka.every((k) => annotationFreeId(a![k], paths) === annotationFreeId(b![k], paths));
}
