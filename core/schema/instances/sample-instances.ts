import { getDoc, isObject } from '../../compat/document/index.js';
import { rootRef } from '../../compat/normalize/index.js';
import type { JsonSchema, ReferencedSchemas } from '../types.js';
import { compileValidator } from './compile-validator.js';
import { generate } from './generate.js';
import { mulberry32, NoInstance, type Gen } from './gen.js';
import type { SampleOptions, SampleOptionsInternal } from './options.js';

const NO_REFS: ReferencedSchemas = Object.freeze({});

function stableKey(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(stableKey).join(',') + ']';
  if (isObject(v)) return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + stableKey(v[k])).join(',') + '}';
  return JSON.stringify(v) ?? 'undefined';
}

/** Generates up to `count` distinct instances of a schema, each verified with ajv. */
export function sampleInstances(schema: JsonSchema, options: SampleOptions = {}): unknown[] {
  return sampleInstancesInternal(schema, options);
}

export function sampleInstancesInternal(schema: JsonSchema, options: SampleOptionsInternal = {}): unknown[] {
  const references = options.references ?? NO_REFS;
  const count = Math.max(0, Math.min(options.count ?? 20, 10_000));
  if (count === 0) return [];
  const validate = compileValidator(schema, references);
  if (!validate) return [];
  const doc = getDoc(schema, references);
  const root = rootRef(doc);
  const rnd = mulberry32(options.seed ?? 1);
  const hints = options.hintKeys ?? [];
  const attempts = options.attempts ?? count * 6 + 20;
  const seen = new Set<string>();
  const out: unknown[] = [];
  const deadline = Date.now() + 2_000;
  for (let k = 0; k < attempts && out.length < count; k++) {
    if ((k & 15) === 15 && Date.now() > deadline) break;
    const g: Gen = { rnd, hints, budget: 2_000, minimal: k === 0 };
    let value: unknown;
    try {
      value = generate(g, [root], 0);
    } catch (e) {
      if (e instanceof NoInstance || e instanceof RangeError) continue;
      throw e;
    }
    const key = stableKey(value);
    if (seen.has(key)) continue;
    seen.add(key);
    let valid = false;
    try {
      valid = validate(value) === true;
    } catch {
      valid = false;
    }
    if (valid) out.push(value);
  }
  return out;
}
