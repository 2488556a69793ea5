import type { JsonSchema } from '../../schema/types.js';
import { refDoc, type Doc } from './doc.js';
import { isObject } from './is-object.js';
import { decodePointerSegment } from './pointer.js';
import { resolveUri, stripFragment } from './uri.js';

export interface Located {
  node: JsonSchema;
  doc: Doc;
  base: string;
}

export type Resolution = Located | { error: string };

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
