import { kindOfValue, K_ARR, K_BOOL, K_NULL, K_NUM, K_OBJ, K_STR, type Flat } from '../../compat/normalize/index.js';
import { enumHas } from '../../compat/values.js';
import { genArray } from './arrays.js';
import { fail, pick, type Gen } from './gen.js';
import { genNumber } from './numbers.js';
import { genObject } from './objects.js';
import { genString } from './strings.js';

/** A value of one instance kind, per kind (K_* bit). */
export const kindGenerators: Readonly<Record<number, (g: Gen, f: Flat, depth: number) => unknown>> = {
  [K_NULL]: () => null,
  [K_BOOL]: (g) => g.rnd() < 0.5,
  [K_NUM]: (g, f) => genNumber(g, f),
  [K_STR]: (g, f) => genString(g, f),
  [K_ARR]: (g, f, depth) => genArray(g, f, depth),
  [K_OBJ]: (g, f, depth) => genObject(g, f, depth),
};

/** A value of kind `t` under `f`: one of its listed values when it has an enum. */
export function genOfKind(g: Gen, f: Flat, t: number, depth: number): unknown {
  if (f.enums.length) {
    const vals = f.enums[0].filter((v) => kindOfValue(v) === t && f.enums.every((l) => l === f.enums[0] || enumHas(l, v)));
    if (!vals.length) fail();
    return pick(g, vals);
  }
  return (kindGenerators[t] ?? kindGenerators[K_OBJ])(g, f, depth);
}
