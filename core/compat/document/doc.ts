import type { Draft, JsonSchema, ReferencedSchemas } from '../../schema/types.js';
import { compatDraft } from './compat-draft.js';
import { isObject } from './is-object.js';
import { MAX_DOC_DEPTH, MAX_DOC_NODES } from './limits.js';
import { currentGeneration, intern, nodeInfo } from './node-info.js';
import { DEFAULT_BASE, nameUri, resolveUri, stripFragment } from './uri.js';

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
  /** How often each dynamic anchor is defined (`$recursiveAnchor: true` counts as the name ""). */
  readonly dynamicAnchors: Map<string, number>;
  /** Dynamic anchors defined on the root node itself. */
  readonly rootDynamic: Set<string>;
  /** The document holds a `$ref` (outside data keywords). */
  readonly hasStaticRef: boolean;
  /** The document holds a `$dynamicRef` or `$recursiveRef`. */
  readonly hasDynamicRef: boolean;
  /**
   * For a referenced schema: the document whose check reached it (its closure's root; the ROOT's
   * draft governs the closure, as when ajv compiles the references on the root's instance).
   */
  readonly top: Doc | undefined;
  /** For a referenced schema without `$id`: its base comes from its name, not an identifier. */
  readonly baseFromName: boolean;
  /** Closure index (root document only): absolute URI → resource, built on first use. */
  closure?: Map<string, { node: JsonSchema; doc: Doc }>;
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

function buildDoc(root: JsonSchema, references: ReferencedSchemas, draftHint?: Draft, refName?: string, top?: Doc): Doc {
  const draft = draftHint ?? compatDraft(root);
  const resources = new Map<string, JsonSchema>();
  const anchors = new Map<string, JsonSchema>();
  const dynamicSeen = new Map<string, number>();
  const rootDynamic = new Set<string>();
  let tooLarge = false;
  let count = 0;
  let rootBase = (refName !== undefined && nameUri(refName)) || DEFAULT_BASE;
  let baseFromName = refName !== undefined;
  if (isObject(root) && typeof root.$id === 'string' && !root.$id.startsWith('#')) {
    const u = resolveUri(root.$id, DEFAULT_BASE);
    if (u) {
      rootBase = stripFragment(u);
      baseFromName = false;
    }
  }
  if (isObject(root)) {
    if (typeof root.$dynamicAnchor === 'string') rootDynamic.add(root.$dynamicAnchor);
    if (root.$recursiveAnchor === true) rootDynamic.add('');
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
      if (node.$recursiveAnchor === true) dynamicSeen.set('', (dynamicSeen.get('') ?? 0) + 1);
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
  const scan = scanRefs(root);
  // A dynamic reference in a referenced schema resolves in the referencing document's scope: such
  // a document means something different under every root.
  const scope = top && (scan.dynamic || top.hasDynamicRef) ? `@${top.sigId}` : '';
  const signature = `${draft}|${nodeInfo(root).id}|${refSig}|${refName === undefined ? '' : JSON.stringify(refName)}${scope}`;
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
    dynamicAnchors: dynamicSeen,
    rootDynamic,
    hasStaticRef: scan.static,
    hasDynamicRef: scan.dynamic,
    top,
    baseFromName,
  };
}

/** A referenced schema as part of the closure of `doc` (read in the closure root's draft). */
export function refDoc(doc: Doc, name: string): Doc {
  const top = doc.top ?? doc;
  let d = top.refDocs.get(name);
  if (!d) {
    d = buildDoc(top.references[name], top.references, top.draft, name, top);
    top.refDocs.set(name, d);
  }
  return d;
}

/** Whether a document holds static and dynamic references (too large to scan counts as both). */
function scanRefs(root: JsonSchema): { static: boolean; dynamic: boolean } {
  const found = { static: false, dynamic: false };
  if (!nodeInfo(root).hasRef) return found;
  const stack: unknown[] = [root];
  let visited = 0;
  while (stack.length) {
    if (visited++ > MAX_DOC_NODES) return { static: true, dynamic: true };
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isObject(node)) {
      if (typeof node.$ref === 'string') found.static = true;
      if (typeof node.$dynamicRef === 'string' || typeof node.$recursiveRef === 'string') found.dynamic = true;
      for (const [k, v] of Object.entries(node)) if (typeof v === 'object' && v !== null && k !== 'enum' && k !== 'const' && k !== 'examples' && k !== 'default') stack.push(v);
    }
  }
  return found;
}
