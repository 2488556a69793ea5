import { K_ARR, K_NUM, K_OBJ, K_STR, type Flat } from '../../normalize/index.js';
import { maxArrayLength } from './array-items.js';
import { hasEnumValueOfKind } from './finite-values.js';
import { effHi, effLo } from './number-bounds.js';
import { effMaxProps, keyValue } from './object-keys.js';

/** A provably has no instance of kind t. */
export function kindEmpty(f: Flat, t: number, lenientClosed: boolean): boolean {
  if (!(f.kinds & t)) return true;
  if (f.enums.length && !hasEnumValueOfKind(f, t)) return true;
  switch (t) {
    case K_NUM: {
      const [lo, loEx] = effLo(f);
      const [hi, hiEx] = effHi(f);
      if (lo !== undefined && hi !== undefined && (lo > hi || (lo === hi && (loEx || hiEx)))) return true;
      return false;
    }
    case K_STR:
      return f.maxLen !== undefined && f.minLen > f.maxLen;
    case K_ARR:
      return f.minItems > maxArrayLength(f);
    case K_OBJ: {
      for (const k of f.required) if (keyValue(f, k, 'A', lenientClosed).absent) return true;
      const mx = effMaxProps(f, lenientClosed);
      if (mx !== undefined && Math.max(f.minProps, f.required.size) > mx) return true;
      return false;
    }
    default:
      return false;
  }
}
