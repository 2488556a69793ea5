import type { ReferencedSchemas } from '../schema/types.js';
import { stripAnnotations } from './annotations.js';
import { checkCompatibility } from './check-compatibility.js';
import { nodeInfo } from './document/index.js';
import type { CompatibilityLevel } from './levels.js';
import type { CompareOptions, SchemaInput, SemverBump } from './types.js';

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
