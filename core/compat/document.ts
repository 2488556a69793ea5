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
const REF_KEYS = new Set(['$ref', '$dynamicRef', '$recursiveRef']);

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
  return nodeInfo(schema).arrayItems ? 'draft-07' : '2020-12';
}

// ---------------------------------------------------------------------------------------------
// Structural identity: every object/array node gets an interned id; equal ids ⇔ equal JSON
// (object key order ignored). `hasRef` tells whether the subtree holds a reference keyword, in which
// case equal ids only mean equal meaning inside equivalent documents.

export interface NodeInfo {
  /** Equal ids ⇔ structurally equal JSON (object key order ignored). */
  id: number;
  /** The subtree holds `$ref`/`$dynamicRef`/`$recursiveRef`. */
  hasRef: boolean;
  /** The subtree holds `$id`/`$anchor`/`$dynamicAnchor`/`$recursiveAnchor` (outside data keywords). */
  hasId: boolean;
  /** The subtree holds an array-valued `items` (outside data keywords). */
  arrayItems: boolean;
}

/**
 * Hash-consing without building strings: an object is the sequence of (key id, child id) pairs in
 * key-id order, walked down a trie of Maps; the trie node reached carries the object's id.
 */
interface TrieNode {
  id: number;
  next: Map<number, TrieNode> | undefined;
}

let internGeneration = 0;
let nextInternId = 10;
let internCount = 0;
let strIds = new Map<string, number>();
let numIds = new Map<number, number>();
let objRoot: TrieNode = { id: 0, next: undefined };
let arrRoot: TrieNode = { id: 0, next: undefined };
let seqRoot: TrieNode = { id: 0, next: undefined };
let nodeInfos = new WeakMap<object, number>();
const INTERN_LIMIT = 4_000_000;
const DATA_KEYS = new Set(['enum', 'const', 'examples', 'default']);
const ID_KEYS = new Set(['$id', '$anchor', '$dynamicAnchor', '$recursiveAnchor']);

function freshId(): number {
  internCount++;
  return nextInternId++;
}

function strId(s: string): number {
  let id = strIds.get(s);
  if (id === undefined) strIds.set(s, (id = freshId()));
  return id;
}

function step(node: TrieNode, key: number): TrieNode {
  let m = node.next;
  if (!m) node.next = m = new Map();
  let n = m.get(key);
  if (!n) m.set(key, (n = { id: 0, next: undefined }));
  return n;
}

function idAt(node: TrieNode): number {
  if (node.id === 0) node.id = freshId();
  return node.id;
}

/** Interned id of a sequence of ids (equal sequences ⇔ equal ids). */
export function internSequence(ids: readonly number[]): number {
  let node = seqRoot;
  for (const id of ids) node = step(node, id);
  return idAt(node);
}

/** Interned id of a string. */
export function stringId(s: string): number {
  return strId(s);
}

const resetListeners: Array<() => void> = [];
/** Registers a cache that holds interned ids and must be emptied when the intern table is reset. */
export function onInternReset(listener: () => void): void {
  resetListeners.push(listener);
}

/** Interned id of a document signature string. */
function intern(key: string): number {
  return strId('\u0000sig' + key);
}

const F_REF = 1;
const F_ID = 2;
const F_ITEMS = 4;
/** Cached per object as one number: id × 8 + flags. */
const decode = (packed: number): NodeInfo => {
  const flags = packed % 8;
  return { id: (packed - flags) / 8, hasRef: (flags & F_REF) !== 0, hasId: (flags & F_ID) !== 0, arrayItems: (flags & F_ITEMS) !== 0 };
};

/** Structural info of a JSON value (schema or data). */
export function nodeInfo(value: unknown): NodeInfo {
  if (internCount > INTERN_LIMIT) {
    // Ids keep increasing across generations, so an old id never names a new structure.
    internCount = 0;
    strIds = new Map();
    numIds = new Map();
    objRoot = { id: 0, next: undefined };
    arrRoot = { id: 0, next: undefined };
    seqRoot = { id: 0, next: undefined };
    nodeInfos = new WeakMap();
    internGeneration++;
    for (const l of resetListeners) l();
  }
  if (typeof value === 'object' && value !== null) {
    let packed = nodeInfos.get(value);
    if (packed === undefined) {
      idOf(value, 0);
      packed = nodeInfos.get(value)!;
    }
    return decode(packed);
  }
  return { id: idOf(value, 0), hasRef: false, hasId: false, arrayItems: false };
}

/** Flags of the value last passed to idOf (saves allocating an info object per primitive). */
let lastFlags = 0;

function idOf(value: unknown, depth: number): number {
  switch (typeof value) {
    case 'string':
      lastFlags = 0;
      return strId(value);
    case 'number': {
      lastFlags = 0;
      let id = numIds.get(value);
      if (id === undefined) numIds.set(value, (id = freshId()));
      return id;
    }
    case 'boolean':
      lastFlags = 0;
      return value ? 1 : 2;
    case 'object':
      if (value === null) {
        lastFlags = 0;
        return 3;
      }
      break;
    default:
      lastFlags = 0;
      return 3;
  }
  const obj = value as object;
  const cached = nodeInfos.get(obj);
  if (cached !== undefined) {
    lastFlags = cached % 8;
    return (cached - lastFlags) / 8;
  }
  let id: number;
  let flags = 0;
  if (depth > MAX_DOC_DEPTH) {
    // Too deep to compare structurally: a fresh id (equal to nothing else), read as ref-bearing.
    id = freshId();
    flags = F_REF | F_ID;
  } else if (Array.isArray(obj)) {
    let node = arrRoot;
    for (let i = 0; i < obj.length; i++) {
      node = step(node, idOf(obj[i], depth + 1));
      flags |= lastFlags;
    }
    id = idAt(node);
  } else {
    const rec = obj as Record<string, unknown>;
    const keys = Object.keys(rec);
    const n = keys.length;
    const kid: number[] = new Array(n);
    const cid: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      const v = rec[k];
      cid[i] = idOf(v, depth + 1);
      kid[i] = strId(k);
      const f = lastFlags;
      if (k === '$ref' || k === '$dynamicRef' || k === '$recursiveRef') flags |= F_REF;
      if (DATA_KEYS.has(k)) flags |= f & F_REF;
      else {
        flags |= f;
        if (ID_KEYS.has(k)) flags |= F_ID;
        else if (k === 'items' && Array.isArray(v)) flags |= F_ITEMS;
      }
    }
    // insertion sort of (kid, cid) by key id: objects are small, and large ones are sorted once
    for (let i = 1; i < n; i++) {
      const k = kid[i];
      const c = cid[i];
      let j = i - 1;
      while (j >= 0 && kid[j] > k) {
        kid[j + 1] = kid[j];
        cid[j + 1] = cid[j];
        j--;
      }
      kid[j + 1] = k;
      cid[j + 1] = c;
    }
    let node = objRoot;
    for (let i = 0; i < n; i++) node = step(step(node, kid[i]), cid[i]);
    id = idAt(node);
  }
  nodeInfos.set(obj, id * 8 + flags);
  lastFlags = flags;
  return id;
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
  // Only documents that define identifiers or anchors need the walk (nodeInfo flags them).
  if (nodeInfo(root).hasId) walk(root, rootBase, 0, true);
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
