import { getDoc, childBase, isObject, nodeInfo, type Doc, type JsonSchema, type NodeInfo } from '../document/index.js';
import { CONSTRAINING } from './constraining.js';
import type { SRef } from './flat.js';

const VOID_DOC = getDoc(true);
export const TRUE_REF: SRef = { node: true, doc: VOID_DOC, base: VOID_DOC.base, omit: 0 };
export const FALSE_REF: SRef = { node: false, doc: VOID_DOC, base: VOID_DOC.base, omit: 0 };

/** A synthetic schema node (no references inside), e.g. `{ required: [k] }`. */
export function synthetic(node: JsonSchema): SRef {
  return { node, doc: VOID_DOC, base: VOID_DOC.base, omit: 0 };
}

export function child(parent: SRef, node: unknown): SRef {
  if (node === true) return TRUE_REF;
  if (node === false) return FALSE_REF;
  if (!isObject(node)) return TRUE_REF; // malformed subschema: ajv would reject; read as "anything"
  return { node, doc: parent.doc, base: childBase(node, parent.base, parent.doc.idKey), omit: 0 };
}

export function rootRef(doc: Doc): SRef {
  return { node: doc.root, doc, base: doc.base, omit: 0 };
}

/** Structural info of a ref's node, memoised on the ref. */
export function refInfo(r: SRef): NodeInfo {
  return (r.info ??= nodeInfo(r.node));
}

/** Memo key of one atom: structure (+ document and base when references are involved). */
export function atomKey(r: SRef): string {
  if (r.key !== undefined) return r.key;
  const info = refInfo(r);
  const draft = r.doc.draft;
  const key = !info.hasRef ? `${info.id}:${r.omit}:${draft}` : `${info.id}:${r.omit}:${draft}@${r.doc.sigId}|${r.base}`;
  r.key = key;
  return key;
}

export function isTrivialRef(r: SRef | undefined): boolean {
  if (r === undefined || r.node === true) return true;
  if (!isObject(r.node)) return false;
  for (const k in r.node) if (CONSTRAINING.has(k)) return false;
  return true;
}

export function isFalseRef(r: SRef | undefined): boolean {
  return r !== undefined && r.node === false;
}

/** Replaces one atom of a conjunction by a copy with more disjunctive keywords omitted. */
export function withOmit(r: SRef, bit: number): SRef {
  return { node: r.node, doc: r.doc, base: r.base, omit: r.omit | bit };
}
