/**
 * Annotation-only differences (semver patch): keywords that never change which instances are
 * valid. The walk follows schema positions only, so a property *named* "title" is not mistaken for
 * the `title` keyword.
 */
import { escapePointer, isObject, MAX_DOC_DEPTH, nodeInfo, type JsonSchema } from './document/index.js';
import type { ChangeKind } from './kinds.js';
import { CONSTRAINING } from './normalize/index.js';

export const annotationKinds: Readonly<Record<string, ChangeKind>> = {
  title: 'TITLE_CHANGED',
  description: 'DESCRIPTION_CHANGED',
  default: 'DEFAULT_CHANGED',
  examples: 'EXAMPLES_CHANGED',
  $comment: 'COMMENT_CHANGED',
  deprecated: 'DEPRECATED_CHANGED',
  readOnly: 'READ_ONLY_CHANGED',
  writeOnly: 'WRITE_ONLY_CHANGED',
  $id: 'ID_CHANGED',
  $schema: 'SCHEMA_DIALECT_CHANGED',
};

/** Keywords whose value is a map of subschemas. */
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
/** Keywords whose value is one subschema. */
const SCHEMA_SINGLE = ['additionalProperties', 'unevaluatedProperties', 'propertyNames', 'additionalItems', 'unevaluatedItems', 'contains', 'not', 'if', 'then', 'else', 'contentSchema'];
/** Keywords whose value is an array of subschemas. */
const SCHEMA_ARRAYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords that are neither annotations nor subschema holders but still matter structurally. */
const STRUCTURAL = new Set(['$ref', '$dynamicRef', '$recursiveRef', '$anchor', '$dynamicAnchor', '$recursiveAnchor', '$vocabulary', 'dependencies', 'items', ...SCHEMA_MAPS, ...SCHEMA_SINGLE, ...SCHEMA_ARRAYS]);

/** Whether a keyword only annotates (any keyword that neither constrains nor structures). */
export function isAnnotationKeyword(k: string): boolean {
  return !CONSTRAINING.has(k) && !STRUCTURAL.has(k) && k !== '$id' && k !== '$schema';
}

export interface AnnotationChange {
  kind: ChangeKind;
  path: string;
  key: string;
  old: unknown;
  new: unknown;
}

function subschemaPairs(a: Record<string, unknown>, b: Record<string, unknown>, path: string, out: Array<[unknown, unknown, string]>): void {
  for (const k of SCHEMA_MAPS) {
    const ma = isObject(a[k]) ? (a[k] as Record<string, unknown>) : {};
    const mb = isObject(b[k]) ? (b[k] as Record<string, unknown>) : {};
    for (const name of Object.keys(ma)) if (name in mb) out.push([ma[name], mb[name], `${path}/${k}/${escapePointer(name)}`]);
  }
  for (const k of SCHEMA_SINGLE) if (k in a && k in b) out.push([a[k], b[k], `${path}/${k}`]);
  for (const k of [...SCHEMA_ARRAYS, 'items']) {
    const xa = a[k];
    const xb = b[k];
    if (Array.isArray(xa) && Array.isArray(xb)) {
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) out.push([xa[i], xb[i], `${path}/${k}/${i}`]);
    } else if (k === 'items' && xa !== undefined && xb !== undefined && !Array.isArray(xa) && !Array.isArray(xb)) {
      out.push([xa, xb, `${path}/items`]);
    }
  }
  const da = isObject(a.dependencies) ? (a.dependencies as Record<string, unknown>) : {};
  const db = isObject(b.dependencies) ? (b.dependencies as Record<string, unknown>) : {};
  for (const name of Object.keys(da)) if (name in db && !Array.isArray(da[name]) && !Array.isArray(db[name])) out.push([da[name], db[name], `${path}/dependencies/${escapePointer(name)}`]);
}

/** Annotation keywords that differ between two schemas, at matching positions. */
export function annotationChanges(older: JsonSchema, newer: JsonSchema, limit = 500): AnnotationChange[] {
  const out: AnnotationChange[] = [];
  const walk = (a: unknown, b: unknown, path: string, depth: number): void => {
    if (out.length >= limit || depth > MAX_DOC_DEPTH) return;
    if (!isObject(a) || !isObject(b)) return;
    if (nodeInfo(a).id === nodeInfo(b).id) return;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (!isAnnotationKeyword(k) && k !== '$id' && k !== '$schema') continue;
      if (k === '$schema' && path !== '') continue;
      const va = a[k];
      const vb = b[k];
      if (nodeInfo(va).id === nodeInfo(vb).id && (k in a) === (k in b)) continue;
      out.push({ kind: annotationKinds[k] ?? 'ANNOTATION_CHANGED', path: path + '/' + escapePointer(k), key: k, old: va, new: vb });
    }
    const pairs: Array<[unknown, unknown, string]> = [];
    subschemaPairs(a, b, path, pairs);
    for (const [x, y, p] of pairs) walk(x, y, p, depth + 1);
  };
  walk(older, newer, '', 0);
  return out;
}

/**
 * The schema without annotations, for patch detection. `protectedPaths` are the JSON pointers some
 * `$ref` points at (or into): a keyword on the way to one is kept whatever it is — an unknown
 * keyword holding a `$ref` target is a container of schemas, not an annotation.
 */
export function stripAnnotations(schema: JsonSchema, protectedPaths: readonly string[] = [], depth = 0, path = ''): unknown {
  if (!isObject(schema) || depth > MAX_DOC_DEPTH) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    const p = `${path}/${escapePointer(k)}`;
    if (isAnnotationKeyword(k) && !protectedPaths.some((t) => t === p || t.startsWith(p + '/'))) continue;
    const strip = (sub: unknown, at: string) => stripAnnotations(sub as JsonSchema, protectedPaths, depth + 1, at);
    if (SCHEMA_MAPS.includes(k) && isObject(v)) {
      const m: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(v)) m[name] = strip(sub, `${p}/${escapePointer(name)}`);
      out[k] = m;
    } else if (k === 'dependencies' && isObject(v)) {
      const m: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(v)) m[name] = Array.isArray(sub) ? sub : strip(sub, `${p}/${escapePointer(name)}`);
      out[k] = m;
    } else if ((SCHEMA_ARRAYS.includes(k) || k === 'items') && Array.isArray(v)) {
      out[k] = v.map((s, i) => strip(s, `${p}/${i}`));
    } else if (SCHEMA_SINGLE.includes(k) || k === 'items') {
      out[k] = strip(v, p);
    } else out[k] = v;
  }
  return out;
}
