/**
 * Documents, drafts, `$ref` resolution and structural identity for the compatibility engine.
 *
 * Everything here is cached by object identity (WeakMap): a schema object handed to the engine is
 * treated as immutable. A `Doc` is one schema document together with the referenced schemas it may
 * name; its resolution index ($id / $anchor) and every node's structural id are computed once.
 *
 * `$ref` resolves inside the document (JSON pointers, `$id`-relative URIs, anchors) and against the
 * supplied `references` map (Confluent style: the `$ref` value, or the part before `#`, is the
 * reference name). Nothing is ever fetched: any other URI is unresolvable.
 */
import { draftOf } from '../schema/draft.js';
import type { Draft, JsonSchema, JsonSchemaObject, ReferencedSchemas } from '../schema/types.js';

export type { Draft, JsonSchema, JsonSchemaObject, ReferencedSchemas };

/** Nesting deeper than this in a schema document is not analysed (guards every recursive walk). */
export const MAX_DOC_DEPTH = 256;
/** Schema documents with more nodes than this are not analysed. */
export const MAX_DOC_NODES = 500_000;

const DEFAULT_BASE = 'https://charter.invalid/schema.json';

export function isObject(value: unknown): value is JsonSchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The draft the engine reads a document with. `$schema` decides when present (draft-04/06 read as
 * draft-07). Without `$schema`, Charter's default is 2020-12, except that a document using the
 * array form of `items` (only meaningful before 2020-12) is read as draft-07, as Confluent does.
 */
export function compatDraft(schema: JsonSchema): Draft {
  if (isObject(schema) && typeof schema.$schema === 'string') return draftOf(schema);
  return usesArrayItems(schema, 0) ? 'draft-07' : '2020-12';
}

function usesArrayItems(node: unknown, depth: number): boolean {
  if (depth > MAX_DOC_DEPTH) return false;
  if (Array.isArray(node)) return node.some((n) => usesArrayItems(n, depth + 1));
  if (!isObject(node)) return false;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default') continue;
    if (k === 'items' && Array.isArray(v)) return true;
    if (typeof v === 'object' && v !== null && usesArrayItems(v, depth + 1)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Structural identity: every object/array node gets an interned id; equal ids ⇔ equal JSON
// (object key order ignored). `hasRef` tells whether the subtree holds a reference keyword, in which
// case equal ids only mean equal meaning inside equivalent documents.

export interface NodeInfo {
  id: number;
  hasRef: boolean;
  size: number;
}

let internGeneration = 0;
let internTable = new Map<string, number>();
let nextInternId = 10;
const nodeInfos = new WeakMap<object, NodeInfo & { gen: number }>();
const INTERN_LIMIT = 2_000_000;
const REF_KEYS = new Set(['$ref', '$dynamicRef', '$recursiveRef']);

function intern(key: string): number {
  let id = internTable.get(key);
  if (id === undefined) {
    id = nextInternId++;
    internTable.set(key, id);
  }
  return id;
}

const resetListeners: Array<() => void> = [];
/** Registers a cache that holds interned ids and must be emptied when the intern table is reset. */
export function onInternReset(listener: () => void): void {
  resetListeners.push(listener);
}

/** Structural info of a JSON value (schema or data). Booleans and primitives get fixed ids. */
export function nodeInfo(value: unknown): NodeInfo {
  if (internTable.size > INTERN_LIMIT) {
    internTable = new Map();
    internGeneration++;
    for (const l of resetListeners) l();
  }
  return infoOf(value, 0);
}

function infoOf(value: unknown, depth: number): NodeInfo {
  if (value === true) return { id: 1, hasRef: false, size: 1 };
  if (value === false) return { id: 2, hasRef: false, size: 1 };
  if (typeof value !== 'object' || value === null) return { id: intern('p' + JSON.stringify(value)), hasRef: false, size: 1 };
  const cached = nodeInfos.get(value);
  if (cached && cached.gen === internGeneration) return cached;
  let info: NodeInfo & { gen: number };
  if (depth > MAX_DOC_DEPTH) {
    // Too deep to compare structurally: a fresh id (equal to nothing else) and treated as ref-bearing.
    info = { id: nextInternId++, hasRef: true, size: 1, gen: internGeneration };
  } else if (Array.isArray(value)) {
    let hasRef = false;
    let size = 1;
    const parts: number[] = [];
    for (const item of value) {
      const c = infoOf(item, depth + 1);
      parts.push(c.id);
      hasRef ||= c.hasRef;
      size += c.size;
    }
    info = { id: intern('a' + parts.join(',')), hasRef, size, gen: internGeneration };
  } else {
    const keys = Object.keys(value).sort();
    let hasRef = false;
    let size = 1;
    let key = 'o';
    for (const k of keys) {
      const c = infoOf((value as Record<string, unknown>)[k], depth + 1);
      if (REF_KEYS.has(k)) hasRef = true;
      hasRef ||= c.hasRef;
      size += c.size;
      key += JSON.stringify(k) + ':' + c.id + ',';
    }
    info = { id: intern(key), hasRef, size, gen: internGeneration };
  }
  nodeInfos.set(value, info);
  return info;
}

// ---------------------------------------------------------------------------------------------
// Documents

export interface Doc {
  /** Unique per (root, references) pair; stable while both objects live. */
  readonly uid: number;
  /** Intern generation the signature was computed in. */
  readonly gen: number;
  readonly root: JsonSchema;
  readonly draft: Draft;
  readonly references: ReferencedSchemas;
  /** Structural signature: equal signatures ⇒ every `$ref` in both documents resolves alike. */
  readonly signature: string;
  /** Interned id of the signature (cheap to put in keys). */
  readonly sigId: number;
  /** Base URI of the root resource. */
  readonly base: string;
  /** Absolute URI (no fragment) → resource node and its base. */
  readonly resources: Map<string, JsonSchema>;
  /** `uri#name` → node, from `$anchor`, `$dynamicAnchor` and draft-07 `$id: "#name"`. */
  readonly anchors: Map<string, JsonSchema>;
  /** Documents for the referenced schemas, created on first use. */
  readonly refDocs: Map<string, Doc>;
  /** Set when the document could not be indexed (too deep or too large). */
  readonly tooLarge: boolean;
  /** `$dynamicAnchor`/`$recursiveAnchor` names defined more than once (dynamic refs then undecidable). */
  readonly ambiguousDynamic: Set<string>;
}

const docCache = new WeakMap<object, WeakMap<object, Doc>>();
const EMPTY_REFS: ReferencedSchemas = Object.freeze({});
let nextDocUid = 1;

/** The cached document for a root schema and its references. */
export function getDoc(root: JsonSchema, references: ReferencedSchemas = EMPTY_REFS, draftHint?: Draft): Doc {
  if (typeof root !== 'object' || root === null) return buildDoc(root, references, draftHint);
  let byRefs = docCache.get(root);
  if (!byRefs) docCache.set(root, (byRefs = new WeakMap()));
  const refsKey = references as object;
  let doc = byRefs.get(refsKey);
  if (!doc || doc.gen !== internGeneration || (draftHint && doc.draft !== draftHint)) {
    doc = buildDoc(root, references, draftHint);
    if (!draftHint) byRefs.set(refsKey, doc);
  }
  return doc;
}

function resolveUri(ref: string, base: string): URL | undefined {
  try {
    return new URL(ref, base);
  } catch {
    return undefined;
  }
}

function stripFragment(url: URL): string {
  const u = new URL(url.href);
  u.hash = '';
  return u.href;
}

function buildDoc(root: JsonSchema, references: ReferencedSchemas, draftHint?: Draft): Doc {
  const draft = draftHint ?? compatDraft(root);
  const resources = new Map<string, JsonSchema>();
  const anchors = new Map<string, JsonSchema>();
  const dynamicSeen = new Map<string, number>();
  let tooLarge = false;
  let count = 0;
  let rootBase = DEFAULT_BASE;
  if (isObject(root) && typeof root.$id === 'string' && !root.$id.startsWith('#')) {
    const u = resolveUri(root.$id, DEFAULT_BASE);
    if (u) rootBase = stripFragment(u);
  }
  resources.set(rootBase, root);

  const walk = (node: unknown, base: string, depth: number, isSchema: boolean): void => {
    if (tooLarge) return;
    if (++count > MAX_DOC_NODES || depth > MAX_DOC_DEPTH) {
      tooLarge = true;
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) walk(item, base, depth + 1, isSchema);
      return;
    }
    if (!isObject(node)) return;
    let here = base;
    if (isSchema) {
      const id = node.$id;
      if (typeof id === 'string') {
        if (id.startsWith('#')) {
          // draft-07 plain-name fragment identifier
          if (id.length > 1) anchors.set(base + id, node);
        } else {
          const u = resolveUri(id, base);
          if (u) {
            here = stripFragment(u);
            if (!resources.has(here)) resources.set(here, node);
            if (u.hash.length > 1) anchors.set(here + u.hash, node);
          }
        }
      }
      if (typeof node.$anchor === 'string') anchors.set(here + '#' + node.$anchor, node);
      if (typeof node.$dynamicAnchor === 'string') {
        anchors.set(here + '#' + node.$dynamicAnchor, node);
        dynamicSeen.set(node.$dynamicAnchor, (dynamicSeen.get(node.$dynamicAnchor) ?? 0) + 1);
      }
      if (node.$recursiveAnchor === true) dynamicSeen.set('$recursive', (dynamicSeen.get('$recursive') ?? 0) + 1);
    }
    for (const [k, v] of Object.entries(node)) {
      if (typeof v !== 'object' || v === null) continue;
      // Data-valued keywords hold no subschemas.
      const data = isSchema && (k === 'enum' || k === 'const' || k === 'examples' || k === 'default' || k === 'required');
      if (data) continue;
      walk(v, here, depth + 1, true);
    }
  };
  walk(root, rootBase, 0, true);
  nodeInfo(root);
  const refSig = Object.keys(references)
    .sort()
    .map((k) => JSON.stringify(k) + '=' + nodeInfo(references[k]).id)
    .join(',');
  const signature = `${draft}|${nodeInfo(root).id}|${refSig}`;
  const ambiguousDynamic = new Set<string>();
  for (const [name, n] of dynamicSeen) if (n > 1) ambiguousDynamic.add(name);
  return {
    uid: nextDocUid++,
    gen: internGeneration,
    root,
    draft,
    references,
    signature,
    sigId: intern('d' + signature),
    base: rootBase,
    resources,
    anchors,
    refDocs: new Map(),
    tooLarge,
    ambiguousDynamic,
  };
}

function refDoc(doc: Doc, name: string): Doc {
  let d = doc.refDocs.get(name);
  if (!d) {
    d = getDoc(doc.references[name], doc.references);
    doc.refDocs.set(name, d);
  }
  return d;
}

// ---------------------------------------------------------------------------------------------
// Resolution

export interface Located {
  node: JsonSchema;
  doc: Doc;
  base: string;
}

export type Resolution = Located | { error: string };

function decodePointerSegment(seg: string): string {
  let s = seg;
  try {
    s = decodeURIComponent(seg);
  } catch {
    /* keep raw */
  }
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Follows a JSON pointer from a resource node, tracking `$id` base changes along the way. */
function followPointer(start: Located, pointer: string): Resolution {
  if (pointer === '') return start;
  const segments = pointer.split('/').slice(1).map(decodePointerSegment);
  let node: unknown = start.node;
  let base = start.base;
  for (const seg of segments) {
    if (Array.isArray(node)) {
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= node.length || String(i) !== seg) return { error: `JSON pointer segment "${seg}" does not exist` };
      node = node[i];
    } else if (isObject(node)) {
      if (!Object.prototype.hasOwnProperty.call(node, seg)) return { error: `JSON pointer segment "${seg}" does not exist` };
      node = node[seg];
    } else return { error: `JSON pointer segment "${seg}" does not exist` };
    if (isObject(node) && typeof node.$id === 'string' && !node.$id.startsWith('#')) {
      const u = resolveUri(node.$id, base);
      if (u) base = stripFragment(u);
    }
  }
  if (typeof node !== 'boolean' && !isObject(node)) return { error: 'the reference points at something that is not a schema' };
  return { node: node as JsonSchema, doc: start.doc, base };
}

function applyFragment(target: Located, fragment: string): Resolution {
  if (fragment === '') return target;
  if (fragment.startsWith('/')) return followPointer(target, fragment);
  const anchor = target.doc.anchors.get(target.base + '#' + fragment);
  if (anchor !== undefined) return { node: anchor, doc: target.doc, base: target.base };
  return { error: `anchor "#${fragment}" is not defined` };
}

/**
 * Resolves a `$ref` value found in a node whose base URI is `base`, inside `doc`. Referenced schemas
 * (by name) win over URI resolution; remote URIs are never fetched.
 */
export function resolveRef(ref: string, doc: Doc, base: string): Resolution {
  if (doc.tooLarge) return { error: 'the document is too large or too deeply nested to resolve references in' };
  const hash = ref.indexOf('#');
  const name = hash >= 0 ? ref.slice(0, hash) : ref;
  const rawFragment = hash >= 0 ? ref.slice(hash + 1) : '';
  let fragment = rawFragment;
  try {
    fragment = decodeURIComponent(rawFragment);
  } catch {
    /* keep raw */
  }
  // 1. Confluent-style reference by name.
  if (name !== '' && Object.prototype.hasOwnProperty.call(doc.references, name)) {
    const d = refDoc(doc, name);
    if (d.tooLarge) return { error: `referenced schema "${name}" is too large to analyse` };
    return applyFragment({ node: d.root, doc: d, base: d.base }, rawFragment.startsWith('/') ? rawFragment : fragment);
  }
  // 2. URI resolution against the current base, inside this document and the referenced ones.
  const url = resolveUri(ref, base);
  if (!url) return { error: `"${ref}" is not a valid URI reference` };
  const target = stripFragment(url);
  const local = doc.resources.get(target);
  if (local !== undefined) return applyFragment({ node: local, doc, base: target }, rawFragment.startsWith('/') ? rawFragment : fragment);
  for (const refName of Object.keys(doc.references)) {
    const d = refDoc(doc, refName);
    const r = d.resources.get(target);
    if (r !== undefined) return applyFragment({ node: r, doc: d, base: target }, rawFragment.startsWith('/') ? rawFragment : fragment);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
    return { error: `"${ref}" is neither in this document nor a supplied reference; remote schemas are never fetched` };
  }
  return { error: `"${ref}" names no supplied reference and nothing in this document` };
}

/** The base URI of a child node: its own `$id` (if any) resolved against the parent's base. */
export function childBase(node: JsonSchema, parentBase: string): string {
  if (isObject(node) && typeof node.$id === 'string' && !node.$id.startsWith('#')) {
    const u = resolveUri(node.$id, parentBase);
    if (u) return stripFragment(u);
  }
  return parentBase;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
