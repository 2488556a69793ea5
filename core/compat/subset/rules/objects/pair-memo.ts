import type { Flat } from '../../../normalize/index.js';
import type { SubsetContext } from '../../context.js';

/**
 * Proven `writer ⊆ reader` facts between reference-free property schemas, by structural id: a
 * registry compares the same property schemas across many versions.
 */
const pairMemos = new Map<string, Map<number, Map<number, boolean>>>();
let pairMemoSize = 0;

export function pairMemo(ctx: SubsetContext, fA: Flat, fB: Flat): Map<number, Map<number, boolean>> | undefined {
  if (ctx.exhausted) return undefined;
  const draftA = fA.atoms[0]?.doc.draft;
  const draftB = fB.atoms[0]?.doc.draft;
  if (!draftA || !draftB) return undefined;
  if (++pairMemoSize > 2_000_000) {
    pairMemos.clear();
    pairMemoSize = 0;
  }
  const key = `${draftA}|${draftB}|${ctx.policy}`;
  let m = pairMemos.get(key);
  if (!m) pairMemos.set(key, (m = new Map()));
  return m;
}
