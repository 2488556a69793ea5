import type { JsonSchema, ReferencedSchemas } from '../schema/types.js';
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
  return annotationFreeId(older.schema) === annotationFreeId(newer.schema) && referencesEquivalent(older.references, newer.references);
}

// Per document root: a registry asks this of its latest version at every registration.
let annotationFreeIds = new WeakMap<object, number>();
onInternReset(() => (annotationFreeIds = new WeakMap()));

/** Structural id of a schema without its annotations. */
function annotationFreeId(schema: JsonSchema): number {
  if (typeof schema !== 'object' || schema === null) return nodeInfo(schema).id;
  let id = annotationFreeIds.get(schema);
  if (id === undefined) annotationFreeIds.set(schema, (id = nodeInfo(stripAnnotations(schema)).id));
  return id;
}

function referencesEquivalent(a: ReferencedSchemas | undefined, b: ReferencedSchemas | undefined): boolean {
  const ka = Object.keys(a ?? {}).sort();
  const kb = Object.keys(b ?? {}).sort();
  if (ka.join('\u0000') !== kb.join('\u0000')) return false;
  return ka.every((k) => annotationFreeId(a![k]) === annotationFreeId(b![k]));
}
