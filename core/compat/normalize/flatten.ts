import { nodeInfo } from '../document/index.js';
import { collectAtoms } from './collect-atoms.js';
import { EMPTY, emptyFlat } from './empty-flat.js';
import { finishKinds } from './finish-kinds.js';
import type { Flat, Role, SRef } from './flat.js';
import { mergeInto } from './merge.js';
import { parseAtom } from './parse-atom.js';
import { atomKey, FALSE_REF } from './refs.js';

const flatCache = new Map<string, Flat>();

/** The merged normal form of a conjunction, for a role. */
export function flatten(conj: readonly SRef[], role: Role): Flat {
  if (conj.length === 1) {
    const r = conj[0];
    if (r.node === true) return trueFlat;
    if (r.node === false) return falseFlat;
  }
  const { atoms, issues, empty } = collectAtoms(conj);
  if (empty) return falseFlat;
  if (atoms.length === 0 && issues.length === 0) return trueFlat;
  if (atoms.length === 1 && issues.length === 0) {
    const single = parseAtom(atoms[0], role);
    if (!single.key) {
      single.key = atomKey(atoms[0]);
      single.refFree = !nodeInfo(atoms[0].node).hasRef;
    }
    return single;
  }
  const keys = atoms.map(atomKey).sort();
  const key = keys.join('&') + '#' + role;
  const cached = flatCache.get(key);
  if (cached && issues.length === 0) return cached;
  const f = emptyFlat(atoms);
  f.key = keys.join('&');
  f.refFree = atoms.every((a) => !nodeInfo(a.node).hasRef);
  f.issues = issues.length ? issues : EMPTY;
  for (const a of atoms) mergeInto(f, parseAtom(a, role));
  if (issues.length) f.constrains = true;
  finishKinds(f);
  if (f.refFree && issues.length === 0) {
    if (flatCache.size > 50_000) flatCache.clear();
    flatCache.set(key, f);
  }
  return f;
}

const trueFlat: Flat = (() => {
  const f = emptyFlat([]);
  f.key = 'T';
  return f;
})();

const falseFlat: Flat = (() => {
  const f = emptyFlat([FALSE_REF]);
  f.key = 'F';
  f.empty = true;
  f.kinds = 0;
  f.constrains = true;
  return f;
})();
