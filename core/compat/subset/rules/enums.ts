import { kindOfValue, KIND_LIST, type Flat } from '../../normalize/index.js';
import { enumHas, validateValue } from '../../values.js';
import type { SubsetContext } from '../context.js';
import { typeList } from '../facts/type-names.js';
import { rec } from '../record.js';

/** A reader that lists values (enum/const) accepts no writer kind that is not itself finite. */
export function subEnum(fA: Flat, t: number, fB: Flat, path: string, ctx: SubsetContext): boolean {
  if (!fB.enums.length) return true;
  rec(ctx, 'ENUM_NARROWED', 'ENUM_EXTENDED', path, {
    a: fA.enums.length ? fA.enums[0] : typeList(fA),
    b: fB.enums[0],
    note: `the writer allows any ${KIND_LIST.find(([b]) => b === t)?.[1]} value within its constraints, the reader only listed values`,
  });
  return false;
}

/** Few enough writer values: each one is validated against the whole reader schema. */
export function checkValues(values: unknown[], fA: Flat, fB: Flat, path: string, ctx: SubsetContext): boolean {
  let ok = true;
  for (const v of values) {
    const r = validateValue(v, fB.atoms);
    if (r === true) continue;
    ok = false;
    if (!ctx.sink) return false;
    if (r === undefined) {
      rec(ctx, 'UNDECIDABLE_VALUE', 'UNDECIDABLE_VALUE', path, { note: `${JSON.stringify(v)} could not be checked` });
    } else if (fB.enums.length && !fB.enums.every((l) => enumHas(l, v))) {
      rec(ctx, 'ENUM_NARROWED', 'ENUM_EXTENDED', path, { a: fA.enums[0] ?? typeList(fA), b: fB.enums[0], note: `${JSON.stringify(v)} is no longer allowed` });
    } else if (!(fB.kinds & kindOfValue(v))) {
      rec(ctx, 'TYPE_NARROWED', 'TYPE_EXTENDED', path, { a: typeList(fA), b: typeList(fB), note: JSON.stringify(v) });
    } else {
      rec(ctx, 'SCHEMA_NARROWED', 'SCHEMA_EXTENDED', path, { note: `the value ${JSON.stringify(v)} is rejected` });
    }
  }
  return ok;
}
