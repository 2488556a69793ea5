import { kindOfValue, K_BOOL, K_NULL, K_NUM, K_STR, type Flat } from '../../normalize/index.js';
import { enumHas, stableKey, validateValue } from '../../values.js';
import { aIsInteger, effHi, effLo } from './number-bounds.js';

const MAX_ENUMERATION = 256;
const MAX_ENUM_VALUES = 20_000;

function enumValues(f: Flat, t: number): unknown[] {
  const first = f.enums[0];
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (const v of first) {
    if (kindOfValue(v) !== t) continue;
    if (!f.enums.every((l) => l === first || enumHas(l, v))) continue;
    const key = stableKey(v);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
    if (out.length > MAX_ENUM_VALUES) break;
  }
  return out;
}

export function hasEnumValueOfKind(f: Flat, t: number): boolean {
  const first = f.enums[0];
  for (const v of first) if (kindOfValue(v) === t && f.enums.every((l) => l === first || enumHas(l, v))) return true;
  return false;
}

/** The instances of kind t of A when there are few enough to list (else undefined). */
export function finiteValues(f: Flat, t: number): unknown[] | undefined {
  let vals: unknown[] | undefined;
  if (f.enums.length) vals = enumValues(f, t);
  else if (t === K_NULL) vals = [null];
  else if (t === K_BOOL) vals = [true, false];
  else if (t === K_STR && f.maxLen === 0) vals = [''];
  else if (t === K_NUM && aIsInteger(f)) {
    const [lo] = effLo(f);
    const [hi] = effHi(f);
    // Beyond 2^53 consecutive integers are not all representable (x++ would stand still).
    if (lo !== undefined && hi !== undefined && Number.isSafeInteger(lo) && Number.isSafeInteger(hi) && hi - lo < MAX_ENUMERATION) {
      vals = [];
      for (let x = lo; x <= hi; x++) vals.push(x);
    }
  }
  if (!vals || vals.length > MAX_ENUM_VALUES) return undefined;
  // keep only values A may really contain (drop the ones A definitely rejects)
  return vals.filter((v) => validateValue(v, f.atoms) !== false);
}
