import { isObject } from '../../document/index.js';
import { compilePattern } from '../compile-pattern.js';
import { modelOf } from '../content-model.js';
import type { PatternEntry, SRef } from '../flat.js';
import { child } from '../refs.js';
import type { KeywordParser } from './keyword-parser.js';
import { nonNegInt } from './read.js';

export const objects: KeywordParser = {
  name: 'properties, patternProperties, additionalProperties, required, property counts and propertyNames',
  parse(f, s, r) {
    let constrains = false;
    const props = isObject(s.properties) ? s.properties : undefined;
    const pats = isObject(s.patternProperties) ? s.patternProperties : undefined;
    const hasAP = 'additionalProperties' in s;
    if (props || pats || hasAP) {
      const pm = new Map<string, SRef>();
      if (props) for (const [k, v] of Object.entries(props)) pm.set(k, child(r, v));
      const pe: PatternEntry[] = [];
      if (pats) for (const [p, v] of Object.entries(pats)) pe.push({ source: p, re: compilePattern(p), schema: child(r, v) });
      const rest = hasAP ? child(r, s.additionalProperties) : undefined;
      f.facets = [{ props: pm, patterns: pe, rest, model: modelOf(pe, rest), declares: true, unevaluated: false }];
      constrains = true;
    }
    if (Array.isArray(s.required)) {
      const req = new Set<string>();
      for (const k of s.required) if (typeof k === 'string') req.add(k);
      if (req.size) {
        f.required = req;
        constrains = true;
      }
    }
    const minProps = nonNegInt(s.minProperties);
    const maxProps = nonNegInt(s.maxProperties);
    if (minProps !== undefined) f.minProps = minProps;
    if (maxProps !== undefined) f.maxProps = maxProps;
    if (minProps || maxProps !== undefined) constrains = true;
    if ('propertyNames' in s) {
      f.propertyNames = [child(r, s.propertyNames)];
      constrains = true;
    }
    return constrains;
  },
};
