/** Annotation closure of a schema for `unevaluated*`: what its in-place applicators evaluate. */

import { childBase, isObject, resolveRef } from '../document/index.js';
import { spend } from '../limits.js';
import type { Role, SRef } from './flat.js';
import { CONSTRAINING } from './constraining.js';
import { dynamicTarget } from './dynamic-ref.js';
import { child } from './refs.js';

interface EvalInfo {
  names: Set<string>;
  patterns: Set<string>;
  prefix: number;
  allProps: boolean;
  allItems: boolean;
  /** A conditional subschema (anyOf/oneOf/if/then/else/dependentSchemas) may evaluate properties / items. */
  conditionalProps: boolean;
  conditionalItems: boolean;
}

export function evaluatedClosure(r: SRef, role: Role): EvalInfo {
  const info: EvalInfo = { names: new Set(), patterns: new Set(), prefix: 0, allProps: false, allItems: false, conditionalProps: false, conditionalItems: false };
  const seen = new Set<object>();
  let budget = 2000;
  const visit = (ref: SRef, isSelf: boolean, depth: number): void => {
    const s = ref.node;
    if (!isObject(s) || seen.has(s)) return;
    spend();
    if (--budget < 0 || depth > 64) {
      if (role === 'A') {
        info.allProps = true;
        info.allItems = true;
      }
      return;
    }
    seen.add(s);
    const draft = ref.doc.draft;
    if (isObject(s.properties)) for (const k of Object.keys(s.properties)) info.names.add(k);
    if (isObject(s.patternProperties)) for (const k of Object.keys(s.patternProperties)) info.patterns.add(k);
    if ('additionalProperties' in s) info.allProps = true;
    if (!isSelf && 'unevaluatedProperties' in s) info.allProps = true;
    if (Array.isArray(s.items)) {
      info.prefix = Math.max(info.prefix, s.items.length);
      if ('additionalItems' in s) info.allItems = true;
    } else if (draft === '2020-12') {
      if (Array.isArray(s.prefixItems)) info.prefix = Math.max(info.prefix, s.prefixItems.length);
      if ('items' in s) info.allItems = true;
    } else if ('items' in s) info.allItems = true;
    if (!isSelf && 'unevaluatedItems' in s) info.allItems = true;
    if (draft !== 'draft-07' && containsMarksAllItems(s, role)) info.allItems = true;
    const next: unknown[] = [];
    if (Array.isArray(s.allOf)) next.push(...s.allOf);
    if (role === 'B') {
      // ajv 8.20 loses the statically known evaluated properties/items when a `dependentSchemas`
      // subschema that evaluates some is not applied: it then checks unevaluated* against every
      // key / item. Read such a reader that strictly (docs/compatibility.md, "ajv defects").
      const conditional: unknown[] = [];
      if (isObject(s.dependentSchemas)) conditional.push(...Object.values(s.dependentSchemas));
      if (isObject(s.dependencies)) for (const v of Object.values(s.dependencies)) if (!Array.isArray(v)) conditional.push(v);
      for (const c of conditional) {
        if (mentions(c, PROP_EVAL_KEYS)) info.conditionalProps = true;
        if (mentions(c, ITEM_EVAL_KEYS)) info.conditionalItems = true;
      }
    }
    if (role === 'A') {
      if (Array.isArray(s.anyOf)) next.push(...s.anyOf);
      if (Array.isArray(s.oneOf)) next.push(...s.oneOf);
      for (const k of ['if', 'then', 'else']) if (k in s) next.push(s[k]);
      if (isObject(s.dependentSchemas)) next.push(...Object.values(s.dependentSchemas));
      if (isObject(s.dependencies)) for (const v of Object.values(s.dependencies)) if (!Array.isArray(v)) next.push(v);
    }
    for (const n of next) visit(child(ref, n), false, depth + 1);
    for (const key of ['$ref', '$dynamicRef', '$recursiveRef'] as const) {
      const ref$ = s[key];
      if (typeof ref$ !== 'string') continue;
      let target = ref$;
      if (key !== '$ref') {
        const dyn = dynamicTarget(key, ref$, ref.doc);
        if ('ignore' in dyn) continue;
        target = 'error' in dyn ? '' : dyn.ref;
      }
      const res = target === '' && key !== '$ref' ? { error: 'dynamic' } : resolveRef(target, ref.doc, ref.base);
      if ('error' in res) {
        if (role === 'A') {
          info.allProps = true;
          info.allItems = true;
        }
      } else visit({ node: res.node, doc: res.doc, base: childBase(res.node, res.base), omit: 0 }, false, depth + 1);
    }
  };
  visit(r, true, 0);
  return info;
}

/**
 * ajv (2019-09 and 2020-12 alike) marks every item evaluated once a `contains` that is not
 * always-valid is compiled, whatever it matched (ajv/dist/vocabularies/applicator/contains.js sets
 * `it.items = true`); `minContains: 0` without `maxContains` makes it skip `contains` entirely.
 * The writer (A) reading assumes it whenever it may happen; the reader (B) reading only when it
 * surely happens (the subschema has a constraining keyword).
 */
function containsMarksAllItems(s: Record<string, unknown>, role: Role): boolean {
  if (!('contains' in s)) return false;
  const c = s.contains;
  const skipped = s.minContains === 0 && s.maxContains === undefined;
  if (role === 'A') return !skipped && c !== true && !(isObject(c) && Object.keys(c).length === 0);
  if (skipped || (s.minContains !== undefined && typeof s.minContains !== 'number')) return false;
  return c === false || (isObject(c) && Object.keys(c).some((k) => CONSTRAINING.has(k)));
}

const PROP_EVAL_KEYS = ['properties', 'patternProperties', 'additionalProperties', 'unevaluatedProperties', '$ref', '$dynamicRef', '$recursiveRef'];
const ITEM_EVAL_KEYS = ['items', 'prefixItems', 'additionalItems', 'unevaluatedItems', 'contains', '$ref', '$dynamicRef', '$recursiveRef'];

/** Whether a subschema (or its in-place applicators) uses one of the keywords. */
function mentions(node: unknown, keys: readonly string[], depth = 0): boolean {
  if (!isObject(node) || depth > 32) return depth > 32;
  for (const k of keys) if (k in node) return true;
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[k];
    if (Array.isArray(list) && list.some((x) => mentions(x, keys, depth + 1))) return true;
  }
  for (const k of ['if', 'then', 'else', 'not']) if (k in node && mentions(node[k], keys, depth + 1)) return true;
  if (isObject(node.dependentSchemas) && Object.values(node.dependentSchemas).some((x) => mentions(x, keys, depth + 1))) return true;
  return false;
}
