import { childBase, isObject, resolveRef } from '../document/index.js';
import { spend } from '../limits.js';
import { dynamicTarget } from './dynamic-ref.js';
import type { Issue, SRef } from './flat.js';
import { atomKey, child } from './refs.js';

export const MAX_ATOMS = 512;

/** Expands `$ref` and `allOf` into atoms (deduplicated). */
export function collectAtoms(conj: readonly SRef[]): { atoms: SRef[]; issues: Issue[]; empty: boolean } {
  const atoms: SRef[] = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  let empty = false;
  const stack = new Set<string>();
  const visit = (r: SRef, depth: number): void => {
    if (empty || issues.length > 8) return;
    spend();
    const node = r.node;
    if (node === true) return;
    if (node === false) {
      empty = true;
      return;
    }
    if (!isObject(node)) return;
    const key = atomKey(r);
    if (stack.has(key)) {
      issues.push({ kind: 'REF_CYCLE', message: 'a reference cycle does not pass through any property or item, so it never terminates' });
      return;
    }
    if (seen.has(key)) return;
    if (atoms.length >= MAX_ATOMS || depth > 128) {
      issues.push({ kind: 'TOO_LARGE', message: 'the schema nests `allOf`/`$ref` too deeply to analyse' });
      return;
    }
    if (r.doc.tooLarge) issues.push({ kind: 'TOO_LARGE', message: 'the schema document is too large or too deeply nested to analyse' });
    seen.add(key);
    stack.add(key);
    for (const refKey of ['$ref', '$dynamicRef', '$recursiveRef'] as const) {
      const ref = node[refKey];
      if (typeof ref !== 'string') continue;
      let target = ref;
      if (refKey !== '$ref') {
        const dyn = dynamicTarget(refKey, ref, r.doc);
        if ('ignore' in dyn) continue;
        if ('error' in dyn) {
          issues.push({ kind: 'DYNAMIC_REF', message: dyn.error });
          continue;
        }
        target = dyn.ref;
      }
      const res = resolveRef(target, r.doc, r.base);
      if ('error' in res) issues.push({ kind: 'UNRESOLVED_REF', message: `$ref "${ref}" cannot be resolved: ${res.error}` });
      else visit({ node: res.node, doc: res.doc, base: childBase(res.node, res.base), omit: 0 }, depth + 1);
    }
    if (Array.isArray(node.allOf)) for (const m of node.allOf) visit(child(r, m), depth + 1);
    stack.delete(key);
    atoms.push(r);
  };
  for (const r of conj) visit(r, 0);
  return { atoms, issues, empty };
}
