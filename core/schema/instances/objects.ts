import { isFalseRef, type Flat, type SRef } from '../../compat/normalize/index.js';
import { generate } from './generate.js';
import { int, pick, type Gen } from './gen.js';
import { stringForPattern } from './string-for-pattern.js';

function facetSchemas(f: Flat, key: string): SRef[] | null {
  const out: SRef[] = [];
  for (const facet of f.facets) {
    const p = facet.props.get(key);
    if (p) {
      if (isFalseRef(p)) return null;
      out.push(p);
    }
    let matched = p !== undefined;
    for (const pe of facet.patterns) {
      if (pe.re && pe.re.test(key)) {
        matched = true;
        if (isFalseRef(pe.schema)) return null;
        out.push(pe.schema);
      }
    }
    if (!matched && facet.rest) {
      if (isFalseRef(facet.rest)) return null;
      out.push(facet.rest);
    }
  }
  return out;
}

export function genObject(g: Gen, f: Flat, depth: number): Record<string, unknown> {
  const keys: string[] = [];
  const add = (k: string) => {
    if (!keys.includes(k)) keys.push(k);
  };
  for (const k of f.required) add(k);
  const declared: string[] = [];
  for (const facet of f.facets) for (const [k, v] of facet.props) if (!isFalseRef(v) && !facet.unevaluated) declared.push(k);
  const deep = depth > 5;
  if (!g.minimal && !deep) {
    const all = g.rnd() < 0.3;
    for (const k of declared) if (all || g.rnd() < 0.5) add(k);
  }
  const closed = f.facets.some((x) => x.model === 'closed');
  if (!g.minimal && !deep && !closed && g.rnd() < 0.6) {
    const n = int(g, 1, 2);
    for (let k = 0; k < n; k++) {
      const fromPattern = f.facets.flatMap((x) => x.patterns).filter((p) => p.re);
      if (fromPattern.length && g.rnd() < 0.5) {
        const s = stringForPattern(g, pick(g, fromPattern).source);
        if (s !== undefined) {
          add(s);
          continue;
        }
      }
      if (f.propertyNames.length && g.rnd() < 0.7) {
        const name = generate(g, f.propertyNames, depth + 1);
        if (typeof name === 'string') {
          add(name);
          continue;
        }
      }
      add(g.hints.length && g.rnd() < 0.7 ? pick(g, g.hints) : pick(g, ['extra', 'x', 'note', 'meta_1']));
    }
  }
  for (const k of [...keys]) for (const d of f.depReq.get(k) ?? []) add(d);
  while (keys.length < f.minProps) {
    const k = declared.find((d) => !keys.includes(d)) ?? `p${keys.length}`;
    add(k);
  }
  if (f.maxProps !== undefined) {
    while (keys.length > f.maxProps) {
      const idx = keys.findIndex((k) => !f.required.has(k));
      if (idx < 0) break;
      keys.splice(idx, 1);
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const schemas = facetSchemas(f, k);
    if (schemas === null) continue;
    out[k] = generate(g, schemas, depth + 1);
  }
  return out;
}
