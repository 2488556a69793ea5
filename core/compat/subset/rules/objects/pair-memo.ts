import type { SRef } from '../../../normalize/index.js';
import type { SubsetContext } from '../../context.js';

/**
 * Proven `writer ⊆ reader` facts between reference-free property schemas, by structural id: a
 * registry compares the same property schemas across many versions. A schema's meaning depends on
 * the draft it is read in, so the facts are kept per (writer draft, reader draft, policy) of the
 * two property schemas themselves — never of the objects holding them.
 */
type Memo = Map<number, Map<number, boolean>>;
let memos: Memo[] = [];
let pairMemoSize = 0;

const draftIndex = (r: SRef): number => (r.doc.draft === '2020-12' ? 0 : r.doc.draft === '2019-09' ? 1 : 2);

export function pairMemo(ctx: SubsetContext, pa: SRef, pb: SRef): Memo | undefined {
  if (ctx.exhausted) return undefined;
  if (++pairMemoSize > 2_000_000) {
    memos = [];
    pairMemoSize = 0;
  }
  const slot = (ctx.policy === 'LENIENT' ? 9 : 0) + draftIndex(pa) * 3 + draftIndex(pb);
  return (memos[slot] ??= new Map());
}
