import type { Flat } from './flat.js';
import { kindOfValue } from './instance-kinds.js';

/** Restricts kinds by enum values; marks obviously empty flats. */
export function finishKinds(f: Flat): void {
  for (const list of f.enums) {
    let k = 0;
    for (const v of list) k |= kindOfValue(v);
    f.kinds &= k;
  }
  if (f.kinds === 0) f.empty = true;
}
