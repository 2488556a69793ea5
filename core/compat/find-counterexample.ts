import { compileValidator, sampleInstancesInternal } from '../schema/instances.js';
import { docOf, NO_REFS } from './check-direction.js';
import { isObject } from './document/index.js';
import { LimitReached, pastDeadline, withLimits, type EngineLimits } from './limits.js';
import { rootRef } from './normalize/index.js';
import type { CompatibilityPolicy } from './levels.js';
import type { SchemaInput } from './types.js';
import { validateValue } from './values.js';

/** Property names mentioned anywhere in a schema (to try as extra keys of open objects). */
function propertyNames(schema: unknown, out: Set<string>, depth = 0): void {
  if (depth > 64 || out.size > 256) return;
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

/** Steps the engine may spend walking one value through a schema before ajv is asked about it. */
const COST_PROBE_STEPS = 20_000;
const PROBES: unknown[] = [null, 'x', 0, 0.5, true, [], {}, [null], { a: null }];

/**
 * ajv validation cannot be interrupted, and some small schemas make it exponential (ajv with
 * `allErrors` evaluates every branch of nested `anyOf`s: seconds per invalid event). Before ajv
 * sees a value, the engine walks the same value through the same schema within a step budget: its
 * walk also visits every alternative, so a value it cannot finish within the budget would stall
 * ajv too, and is not tried.
 */
function cheapToValidate(value: unknown, input: SchemaInput): boolean {
  try {
    withLimits({ steps: COST_PROBE_STEPS }, () => validateValue(value, [rootRef(docOf(input))]));
    return true;
  } catch (error) {
    if (error instanceof LimitReached) return false;
    throw error;
  }
}

/** Every object key in a value is one of `names` (what a LENIENT producer may send). */
function keysWithin(value: unknown, names: Set<string>, depth = 0): boolean {
  if (depth > 64) return false;
  if (Array.isArray(value)) return value.every((v) => keysWithin(v, names, depth + 1));
  if (!isObject(value)) return true;
  return Object.entries(value).every(([k, v]) => names.has(k) && keysWithin(v, names, depth + 1));
}

/**
 * An event valid under the writer schema and invalid under the reader schema, both checked with
 * ajv, or undefined when none was found within the limits (default: 1.5 s). Under the LENIENT
 * policy the event is one a lenient producer sends: it holds only property names the writer
 * declares.
 */
export function findCounterexample(writer: SchemaInput, reader: SchemaInput, limits?: EngineLimits, policy: CompatibilityPolicy = 'STRICT'): unknown | undefined {
  try {
    return withLimits({ steps: Infinity, timeMs: limits?.timeMs }, () => search(writer, reader, policy));
  } catch (error) {
    // Instance generation spends the same budget as the engine: out of time, no counterexample.
    if (error instanceof LimitReached) return undefined;
    throw error;
  }
}

function search(writer: SchemaInput, reader: SchemaInput, policy: CompatibilityPolicy): unknown | undefined {
  if (!PROBES.every((p) => cheapToValidate(p, writer) && cheapToValidate(p, reader))) return undefined;
  const readerValidate = compileValidator(reader.schema, reader.references ?? NO_REFS);
  if (!readerValidate) return undefined;
  const hints = new Set<string>();
  propertyNames(reader.schema, hints);
  for (const r of Object.values(reader.references ?? {})) propertyNames(r, hints);
  let writerNames: Set<string> | undefined;
  if (policy === 'LENIENT') {
    writerNames = new Set<string>();
    propertyNames(writer.schema, writerNames);
    for (const r of Object.values(writer.references ?? {})) propertyNames(r, writerNames);
    for (const h of [...hints]) if (!writerNames.has(h)) hints.delete(h);
  }
  const hintKeys = [...hints];
  for (const seed of [1, 2, 3]) {
    if (pastDeadline()) return undefined;
    const samples = sampleInstancesInternal(writer.schema, { references: writer.references, count: 80, seed, hintKeys, attempts: 300 });
    for (const event of samples) {
      if (pastDeadline()) return undefined;
      if (writerNames && !keysWithin(event, writerNames)) continue;
      if (!cheapToValidate(event, reader)) continue;
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
