import type { Draft, JsonSchema, ReferencedSchemas } from '../../schema/types.js';
import { compatDraft } from './compat-draft.js';
import { isObject } from './is-object.js';
import { MAX_DOC_DEPTH, MAX_DOC_NODES } from './limits.js';
import { currentGeneration, intern, nodeInfo } from './node-info.js';
import { DEFAULT_BASE, resolveUri, stripFragment } from './uri.js';

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
  if (!doc || doc.gen !== currentGeneration() || (draftHint && doc.draft !== draftHint)) {
    doc = buildDoc(root, references, draftHint);
    if (!draftHint) byRefs.set(refsKey, doc);
  }
  return doc;
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
    gen: currentGeneration(),
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

export function refDoc(doc: Doc, name: string): Doc {
  let d = doc.refDocs.get(name);
  if (!d) {
    d = getDoc(doc.references[name], doc.references);
    doc.refDocs.set(name, d);
  }
  return d;
}
