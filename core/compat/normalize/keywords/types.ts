import { K_ARR, K_BOOL, K_NULL, K_NUM, K_OBJ, K_STR } from '../instance-kinds.js';
import type { KeywordParser } from './keyword-parser.js';

function typeMask(t: unknown): { kinds: number; integer: boolean } | undefined {
  const names = typeof t === 'string' ? [t] : Array.isArray(t) ? t : undefined;
  if (!names) return undefined;
  let kinds = 0;
  let hasNumber = false;
  let hasInteger = false;
  for (const n of names) {
    switch (n) {
      case 'null': kinds |= K_NULL; break;
      case 'boolean': kinds |= K_BOOL; break;
      case 'number': kinds |= K_NUM; hasNumber = true; break;
      case 'integer': kinds |= K_NUM; hasInteger = true; break;
      case 'string': kinds |= K_STR; break;
      case 'array': kinds |= K_ARR; break;
      case 'object': kinds |= K_OBJ; break;
      default: break;
    }
  }
  return { kinds, integer: hasInteger && !hasNumber };
}

export const types: KeywordParser = {
  name: 'type (with nullable), enum and const',
  parse(f, s) {
    let constrains = false;
    const tm = typeMask(s.type);
    if (tm) {
      // ajv's core `nullable: true` (OpenAPI) adds null to the types listed next to it.
      f.kinds &= s.nullable === true ? tm.kinds | K_NULL : tm.kinds;
      f.integer = tm.integer;
      constrains = true;
    }
    if (Array.isArray(s.enum)) {
      f.enums = [s.enum];
      constrains = true;
    }
    if ('const' in s) {
      f.enums = f.enums.length ? [...f.enums, [s.const]] : [[s.const]];
      constrains = true;
    }
    return constrains;
  },
};
