import { MAX_DOC_DEPTH } from './limits.js';

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

/** Bumped whenever the intern table is reset: documents built in an older generation are stale. */
export function currentGeneration(): number {
  return internGeneration;
}

let nextInternId = 10;
let internCount = 0;
let strIds = new Map<string, number>();
let numIds = new Map<number, number>();
let objRoot: TrieNode = { id: 0, next: undefined };
let arrRoot: TrieNode = { id: 0, next: undefined };
let seqRoot: TrieNode = { id: 0, next: undefined };
/**
 * Each schema node's packed info lives on the node itself, under a non-enumerable symbol (invisible
 * to JSON.stringify, Object.keys and deep-equality helpers). A WeakMap would be the tidier home, but
 * V8 slows down badly with millions of live WeakMap entries: a registry holding 1,000 versions of a
 * 1,000-property schema made every lookup and every major GC crawl. Frozen or sealed nodes fall back
 * to the WeakMap. A reset of the intern table takes a fresh symbol, which invalidates every stored info.
 */
let INFO = Symbol('charter.nodeInfo');
let nodeInfos = new WeakMap<object, number>();

function storedInfo(obj: object): number | undefined {
  const own = (obj as { [INFO]?: number })[INFO];
  if (own !== undefined) return own;
  return nodeInfos.get(obj);
}

function storeInfo(obj: object, packed: number): void {
  if (Object.isExtensible(obj)) Object.defineProperty(obj, INFO, { value: packed, writable: true, configurable: true, enumerable: false });
  else nodeInfos.set(obj, packed);
}
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
export function intern(key: string): number {
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
    INFO = Symbol('charter.nodeInfo');
    internGeneration++;
    for (const l of resetListeners) l();
  }
  if (typeof value === 'object' && value !== null) {
    let packed = storedInfo(value);
    if (packed === undefined) {
      idOf(value, 0);
      packed = storedInfo(value)!;
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
  const cached = storedInfo(obj);
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
  storeInfo(obj, id * 8 + flags);
  lastFlags = flags;
  return id;
}
