import type { Flat } from '../../normalize/index.js';
import { formatDefinition } from '../../values.js';
import type { SubsetContext } from '../context.js';
import { aIsInteger, effHi, effLo, hiText, loText, multipleImplied } from '../facts/number-bounds.js';
import { typeList } from '../facts/type-names.js';
import { rec } from '../record.js';

export function subNumber(fA: Flat, fB: Flat, path: string, ctx: SubsetContext): boolean {
  let ok = true;
  if (fB.integer && !aIsInteger(fA)) {
    ok = false;
    rec(ctx, 'TYPE_NARROWED', 'TYPE_EXTENDED', path, { a: typeList(fA), b: typeList(fB), note: 'a number with a fractional part' });
    if (!ctx.sink) return false;
  }
  if (fB.lo !== undefined) {
    const [lo, loEx] = effLo(fA);
    if (lo === undefined || lo < fB.lo || (lo === fB.lo && !loEx && fB.loEx)) {
      ok = false;
      rec(ctx, 'MINIMUM_INCREASED', 'MINIMUM_DECREASED', `${path}/${fB.loEx ? 'exclusiveMinimum' : 'minimum'}`, { a: loText(fA), b: loText(fB) });
      if (!ctx.sink) return false;
    }
  }
  if (fB.hi !== undefined) {
    const [hi, hiEx] = effHi(fA);
    if (hi === undefined || hi > fB.hi || (hi === fB.hi && !hiEx && fB.hiEx)) {
      ok = false;
      rec(ctx, 'MAXIMUM_DECREASED', 'MAXIMUM_INCREASED', `${path}/${fB.hiEx ? 'exclusiveMaximum' : 'maximum'}`, { a: hiText(fA), b: hiText(fB) });
      if (!ctx.sink) return false;
    }
  }
  for (const m of fB.multipleOf) {
    const implied = multipleImplied(fA, m);
    if (!implied) {
      ok = false;
      if (fA.multipleOf.length === 0) rec(ctx, 'MULTIPLE_OF_ADDED', 'MULTIPLE_OF_REMOVED', `${path}/multipleOf`, { a: undefined, b: m });
      else rec(ctx, 'MULTIPLE_OF_CHANGED', 'MULTIPLE_OF_CHANGED', `${path}/multipleOf`, { a: fA.multipleOf.length === 1 ? fA.multipleOf[0] : fA.multipleOf, b: m });
      if (!ctx.sink) return false;
    }
  }
  for (const fmt of fB.formats) {
    const def = formatDefinition(fmt);
    if (def && def.type === 'number' && !fA.formats.includes(fmt)) {
      ok = false;
      rec(ctx, 'FORMAT_ADDED', 'FORMAT_REMOVED', `${path}/format`, { a: fA.formats[0], b: fmt });
      if (!ctx.sink) return false;
    }
  }
  return ok;
}
