/** Parses of one atom, cached per node object (and per omit bits and role). */

import { isObject, type Doc, type JsonSchemaObject } from '../document/index.js';
import { emptyFlat } from './empty-flat.js';
import { finishKinds } from './finish-kinds.js';
import type { Flat, Role, SRef } from './flat.js';
import { keywordParsers } from './keywords/index.js';
import { refInfo } from './refs.js';

interface AtomSlot {
  doc: Doc;
  base: string;
  flats: Array<Flat | undefined>;
  other?: Map<string, Flat>;
}

const atomCache = new WeakMap<object, AtomSlot>();
const structuralFlats = new Map<string, Flat>();

export function parseAtom(r: SRef, role: Role): Flat {
  const node = r.node;
  if (!isObject(node)) {
    const f = emptyFlat([r]);
    if (node === false) {
      f.empty = true;
      f.kinds = 0;
      f.constrains = true;
    }
    return f;
  }
  // the two readings differ only for unevaluated* keywords
  const roleMatters = 'unevaluatedProperties' in node || 'unevaluatedItems' in node;
  const index = (r.omit & 7) + (roleMatters && role === 'B' ? 8 : 0);
  const info = refInfo(r);
  if (!info.hasRef && !info.hasId) {
    // Without references, equal structure means equal meaning: share one parse across documents
    // (a registry holds many versions that repeat most of their subschemas).
    const key = `${info.id}|${r.doc.draft}|${index}`;
    let f = structuralFlats.get(key);
    if (!f) {
      f = parseAtomUncached(r, node, role);
      if (structuralFlats.size > 200_000) structuralFlats.clear();
      structuralFlats.set(key, f);
    }
    return f;
  }
  let slot = atomCache.get(node);
  if (!slot) atomCache.set(node, (slot = { doc: r.doc, base: r.base, flats: [] }));
  if (slot.doc === r.doc && slot.base === r.base) {
    const hit = slot.flats[index];
    if (hit) return hit;
    const f = parseAtomUncached(r, node, role);
    slot.flats[index] = f;
    return f;
  }
  // the same object reached from another document or base (rare)
  const key = `${r.doc.uid}|${r.base}|${index}`;
  slot.other ??= new Map();
  const hit = slot.other.get(key);
  if (hit) return hit;
  const f = parseAtomUncached(r, node, role);
  slot.other.set(key, f);
  return f;
}

function parseAtomUncached(r: SRef, s: JsonSchemaObject, role: Role): Flat {
  const f = emptyFlat([r]);
  let constrains = false;
  for (const parser of keywordParsers) if (parser.parse(f, s, r, role)) constrains = true;
  f.constrains = constrains;
  finishKinds(f);
  return f;
}
