import type { JsonSchemaObject } from '../../document/index.js';
import { compilePattern } from '../compile-pattern.js';
import { tupleModel } from '../content-model.js';
import { evaluatedClosure } from '../evaluated.js';
import type { Facet, PatternEntry, Role, SRef, Tuple } from '../flat.js';
import { child, isFalseRef, isTrivialRef, TRUE_REF } from '../refs.js';
import type { KeywordParser } from './keyword-parser.js';

/** Read after the object and array families: the facets and tuples it adds come last. */
export const unevaluated: KeywordParser = {
  name: 'unevaluatedProperties and unevaluatedItems (2019-09 and later)',
  parse(f, s, r, role) {
    let constrains = false;
    const modern = r.doc.draft !== 'draft-07';
    const hasAP = 'additionalProperties' in s;
    if (modern && 'unevaluatedProperties' in s && !hasAP) {
      const facet = unevaluatedPropsFacet(r, s, role);
      if (facet) {
        f.facets = [...f.facets, facet];
        constrains = true;
      }
    }
    if (modern && 'unevaluatedItems' in s) {
      const t = unevaluatedItemsTuple(r, s, role);
      if (t) {
        f.tuples = [...f.tuples, t];
        constrains = true;
      }
    }
    return constrains;
  },
};

function unevaluatedPropsFacet(r: SRef, s: JsonSchemaObject, role: Role): Facet | undefined {
  const info = evaluatedClosure(r, role);
  if (info.allProps && !(role === 'B' && info.conditionalProps)) return undefined;
  if (role === 'B' && info.conditionalProps) {
    const restAll = child(r, s.unevaluatedProperties);
    if (isTrivialRef(restAll)) return undefined;
    return { props: new Map(), patterns: [], rest: restAll, model: isFalseRef(restAll) ? 'closed' : 'partial', declares: true, unevaluated: true };
  }
  const props = new Map<string, SRef>();
  for (const n of info.names) props.set(n, TRUE_REF);
  const patterns: PatternEntry[] = [];
  for (const p of info.patterns) patterns.push({ source: p, re: compilePattern(p), schema: TRUE_REF });
  const rest = child(r, s.unevaluatedProperties);
  if (isTrivialRef(rest)) return undefined;
  return { props, patterns, rest, model: isFalseRef(rest) && patterns.length === 0 ? 'closed' : 'partial', declares: true, unevaluated: true };
}

function unevaluatedItemsTuple(r: SRef, s: JsonSchemaObject, role: Role): Tuple | undefined {
  const info = evaluatedClosure(r, role);
  if (role === 'B' && info.conditionalItems) {
    const restAll = child(r, s.unevaluatedItems);
    if (isTrivialRef(restAll)) return undefined;
    return { prefix: [], rest: restAll, model: tupleModel(restAll), unevaluated: true };
  }
  if (info.allItems) return undefined;
  const rest = child(r, s.unevaluatedItems);
  if (isTrivialRef(rest)) return undefined;
  return { prefix: new Array(info.prefix).fill(TRUE_REF), rest, model: tupleModel(rest), unevaluated: true };
}
