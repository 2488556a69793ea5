import { compileValidator, sampleInstancesInternal } from '../schema/instances.js';
import { NO_REFS } from './check-direction.js';
import { isObject } from './document/index.js';
import type { SchemaInput } from './types.js';

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
