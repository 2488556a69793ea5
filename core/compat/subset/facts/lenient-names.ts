/**
 * The property names a LENIENT producer may send for an object of a writer flat: every name the
 * writer declares at that object level — in `properties`, `required` and `dependentRequired`, and
 * also inside its alternatives and conditionals (`anyOf`, `oneOf`, `if`/`then`/`else`,
 * `dependentSchemas`/`dependencies`) and what `$ref`/`allOf` bring in. Undefined when the set is
 * open (a `patternProperties` there, or an unresolvable or too large closure): the writer is then
 * not read as closed.
 */
import { childBase, isObject, resolveRef } from '../../document/index.js';
import { child, type Flat, type SRef } from '../../normalize/index.js';

const cache = new WeakMap<Flat, Set<string> | null>();
const MAX_VISITS = 2_000;

export function lenientNames(f: Flat): Set<string> | undefined {
  const hit = cache.get(f);
  if (hit !== undefined) return hit ?? undefined;
  const names = collect(f.atoms);
  cache.set(f, names ?? null);
  return names;
}

function collect(atoms: readonly SRef[]): Set<string> | undefined {
  const names = new Set<string>();
  const seen = new Set<object>();
  let visits = 0;
  let open = false;
  const visit = (r: SRef, depth: number): void => {
    const s = r.node;
    if (open || !isObject(s) || seen.has(s)) return;
    if (++visits > MAX_VISITS || depth > 64) {
      open = true;
      return;
    }
    seen.add(s);
    if (isObject(s.properties)) for (const k of Object.keys(s.properties)) names.add(k);
    if (Array.isArray(s.required)) for (const k of s.required) if (typeof k === 'string') names.add(k);
    for (const key of ['dependentRequired', 'dependencies', 'dependentSchemas']) {
      const deps = s[key];
      if (!isObject(deps)) continue;
      for (const [k, v] of Object.entries(deps)) {
        names.add(k);
        if (Array.isArray(v)) {
          for (const d of v) if (typeof d === 'string') names.add(d);
        } else visit(child(r, v), depth + 1);
      }
    }
    if (isObject(s.patternProperties) && Object.keys(s.patternProperties).length) open = true;
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const list = s[key];
      if (Array.isArray(list)) for (const alt of list) visit(child(r, alt), depth + 1);
    }
    for (const key of ['if', 'then', 'else']) if (key in s) visit(child(r, s[key]), depth + 1);
    for (const key of ['$ref', '$dynamicRef', '$recursiveRef']) {
      const ref = s[key];
      if (typeof ref !== 'string') continue;
      const res = resolveRef(key === '$ref' ? ref : '#', r.doc, r.base);
      if ('error' in res) open = true;
      else visit({ node: res.node, doc: res.doc, base: childBase(res.node, res.base), omit: 0 }, depth + 1);
    }
  };
  for (const a of atoms) visit(a, 0);
  return open ? undefined : names;
}
