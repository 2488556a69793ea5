import { K_ALL, K_NUM, KIND_LIST, type Flat } from '../../normalize/index.js';

export function kindNames(f: Flat, mask = K_ALL): string[] {
  const out: string[] = [];
  for (const [bit, n] of KIND_LIST) if (f.kinds & mask & bit) out.push(bit === K_NUM && f.integer ? 'integer' : n);
  return out;
}

export function typeList(f: Flat): unknown {
  const names = kindNames(f);
  if (names.length === 6) return 'any';
  return names.length === 1 ? names[0] : names;
}
