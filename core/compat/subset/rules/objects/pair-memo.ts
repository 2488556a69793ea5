import type { SRef } from '../../../normalize/index.js';
import type { SubsetContext } from '../../context.js';

/**
 * Proven `writer ⊆ reader` facts between reference-free property schemas, by structural id: a
 * registry compares the same property schemas across many versions. A schema's meaning depends on
 * the draft it is read in, so the facts are kept per (writer draft, reader draft, policy) of the
 * two property schemas themselves — never of the objects holding them.
 */
const pairMemos = new Map<string, Map<number, Map<number, boolean>>>();
let pairMemoSize = 0;

export function pairMemo(ctx: SubsetContext, pa: SRef, pb: SRef): Map<number, Map<number, boolean>> | undefined {
  if (ctx.exhausted) return undefined;
  if (++pairMemoSize > 2_000_000) {
    pairMemos.clear();
    pairMemoSize = 0;
  }
  const key = `${pa.doc.draft}|${pb.doc.draft}|${ctx.policy}`;
  let m = pairMemos.get(key);
  if (!m) pairMemos.set(key, (m = new Map()));
  return m;
}
