import { isObject } from '../../document/index.js';
import { EMPTY_MAP } from '../empty-flat.js';
import { child } from '../refs.js';
import type { KeywordParser } from './keyword-parser.js';

export const dependencies: KeywordParser = {
  name: 'dependencies, dependentRequired and dependentSchemas',
  parse(f, s, r) {
    let constrains = false;
    const modern = r.doc.draft !== 'draft-07';
    const addDeps = (deps: unknown, allowArrays: boolean, allowSchemas: boolean) => {
      if (!isObject(deps)) return;
      for (const [k, v] of Object.entries(deps)) {
        if (Array.isArray(v)) {
          if (!allowArrays) continue;
          const list = v.filter((x): x is string => typeof x === 'string');
          if (list.length) {
            if (f.depReq === EMPTY_MAP) f.depReq = new Map();
            f.depReq.set(k, [...(f.depReq.get(k) ?? []), ...list]);
          }
        } else if (allowSchemas && (isObject(v) || typeof v === 'boolean')) {
          f.depSch = [...f.depSch, [k, child(r, v)]];
        }
        constrains = true;
      }
    };
    addDeps(s.dependencies, true, true);
    if (modern) {
      addDeps(s.dependentRequired, true, false);
      addDeps(s.dependentSchemas, false, true);
    }
    return constrains;
  },
};
