import type { JsonSchema } from '../../schema/types.js';
import { referenceNameAliases } from '../../schema/validator/index.js';
import { refDoc, type Doc } from './doc.js';
import { isObject } from './is-object.js';
import { decodePointerSegment } from './pointer.js';
import { DEFAULT_BASE, nameUri, resolveUri, stripFragment } from './uri.js';

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
    const id = isObject(node) ? node[start.doc.idKey] : undefined;
    if (typeof id === 'string' && !id.startsWith('#')) {
      const u = resolveUri(id, base);
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
 * Every resource of the closure by absolute URI, in ajv's precedence: identifiers (`$id`, of the
 * root document and of every referenced schema, embedded ones included) first, then reference
 * names (ajv keeps names in `schemas`, looked up after `refs`).
 */
function closureIndex(top: Doc): Map<string, { node: JsonSchema; doc: Doc }> {
  if (top.closure) return top.closure;
  const index = new Map<string, { node: JsonSchema; doc: Doc }>();
  const docs = [top, ...Object.keys(top.references).map((name) => refDoc(top, name))];
  for (const d of docs) {
    for (const [uri, node] of d.resources) {
      if (d.baseFromName && node === d.root && uri === d.base) continue;
      if (!index.has(uri)) index.set(uri, { node, doc: d });
    }
  }
  for (const name of Object.keys(top.references)) {
    const uri = nameUri(name);
    if (uri !== undefined && !index.has(uri)) {
      const d = refDoc(top, name);
      index.set(uri, { node: d.root, doc: d });
    }
  }
  // The validator factory also adds each reference under its name resolved against the root's
  // `$id` (core/schema/validator/create-validator.ts, withReferences), unless that URI is taken.
  if (top.base !== DEFAULT_BASE) {
    for (const name of Object.keys(top.references)) {
      const u = resolveUri(name, top.base);
      const uri = u && stripFragment(u);
      if (uri && !index.has(uri)) {
        const d = refDoc(top, name);
        index.set(uri, { node: d.root, doc: d });
      }
    }
  }
  // …and under each name resolved against every reference named without an identifier of its own
  // (withReferences, referenceNameAliases): a reference name means one schema across the closure.
  for (const [alias, name] of referenceNameAliases(top.references, top.idKey)) {
    const uri = nameUri(alias);
    if (uri && !index.has(uri)) {
      const d = refDoc(top, name);
      index.set(uri, { node: d.root, doc: d });
    }
  }
  top.closure = index;
  return index;
}

/**
 * Resolves a `$ref` value found in a node whose base URI is `base`, inside `doc`, as ajv does when
 * the referenced schemas are added to the root's instance under their names: the value is resolved
 * against the base (a referenced schema's base is its `$id`, else its name), then looked up among
 * identifiers, then names. Remote URIs are never fetched.
 */
export function resolveRef(ref: string, doc: Doc, base: string): Resolution {
  if (doc.tooLarge) return { error: 'the document is too large or too deeply nested to resolve references in' };
  const hash = ref.indexOf('#');
  const rawFragment = hash >= 0 ? ref.slice(hash + 1) : '';
  let fragment = rawFragment;
  try {
    fragment = decodeURIComponent(rawFragment);
  } catch {
    /* keep raw */
  }
  const frag = rawFragment.startsWith('/') ? rawFragment : fragment;
  const url = resolveUri(ref, base);
  if (!url) return { error: `"${ref}" is not a valid URI reference` };
  const target = stripFragment(url);
  const local = doc.resources.get(target);
  if (local !== undefined) {
    return applyFragment({ node: local, doc, base: target }, frag);
  }
  const top = doc.top ?? doc;
  const found = closureIndex(top).get(target);
  if (found) {
    if (found.doc.tooLarge) return { error: 'a referenced schema is too large to analyse' };
    return applyFragment({ node: found.node, doc: found.doc, base: target }, frag);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
    return { error: `"${ref}" is neither in this document nor a supplied reference; remote schemas are never fetched` };
  }
  return { error: `"${ref}" names no supplied reference and nothing in this document` };
}
