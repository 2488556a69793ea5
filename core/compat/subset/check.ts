/**
 * Recursion (recursive `$ref`s) is handled coinductively: a pair (A, B) met again *below an
 * instance-level descent* (a property or an item) is assumed to hold; a pair met again without
 * descending means a reference cycle that never consumes input and is answered `false`.
 */
import { spend } from '../limits.js';
import { flatten, type SRef } from '../normalize/index.js';
import type { SubsetContext } from './context.js';
import { issueKinds } from './issues.js';
import { limit, rec } from './record.js';
import { subFlat } from './sub-flat.js';

const MAX_INSTANCE_DEPTH = 96;
const MAX_CALL_DEPTH = 600;
const globalMemo = new Map<string, boolean>();
const GLOBAL_MEMO_LIMIT = 500_000;

/** Every instance of the conjunction A (restricted to the kinds in `mask`) is valid under B. */
export function sub(A: readonly SRef[], mask: number, B: readonly SRef[], path: string, depth: number, ctx: SubsetContext): boolean {
  spend();
  if (ctx.budget-- <= 0) {
    limit(ctx, path, 'too many comparisons');
    return false;
  }
  if (depth > MAX_INSTANCE_DEPTH || ctx.stackSize > MAX_CALL_DEPTH) {
    limit(ctx, path, 'nesting too deep');
    return false;
  }
  const fA = flatten(A, 'A');
  if (fA.empty || !(fA.kinds & mask)) return true;
  const fB = flatten(B, 'B');
  if (!fB.constrains) return true;
  if (fA.key === fB.key) return true;
  if (fA.issues.length || fB.issues.length) {
    for (const issue of [...fA.issues, ...fB.issues]) {
      const kind = issueKinds[issue.kind];
      rec(ctx, kind, kind, path, { note: issue.message });
    }
    return false;
  }
  const pairKey = `${fA.key}|${mask}|${fB.key}|${ctx.policy}`;
  const refFree = fA.refFree && fB.refFree;
  const memo = refFree ? globalMemo : ctx.memo;
  const known = memo.get(pairKey);
  if (known === true) return true;
  if (known === false && !ctx.sink) return false;
  const running = ctx.inProgress.get(pairKey);
  if (running) {
    if (depth > running.depth) {
      ctx.lowest = Math.min(ctx.lowest, running.index);
      return true;
    }
    rec(ctx, 'UNDECIDABLE_RECURSION', 'UNDECIDABLE_RECURSION', path, { note: 'the comparison loops through references without reaching a property or item' });
    return false;
  }
  const index = ctx.stackSize++;
  ctx.inProgress.set(pairKey, { depth, index });
  const savedLowest = ctx.lowest;
  ctx.lowest = Infinity;
  let result = false;
  try {
    result = subFlat(fA, mask, fB, path, depth, ctx);
  } finally {
    ctx.inProgress.delete(pairKey);
    ctx.stackSize--;
  }
  const dependsOnOuter = ctx.lowest < index;
  if (!ctx.exhausted && (!result || !dependsOnOuter)) {
    if (refFree && globalMemo.size > GLOBAL_MEMO_LIMIT) globalMemo.clear();
    memo.set(pairKey, result);
  }
  ctx.lowest = Math.min(savedLowest, dependsOnOuter ? ctx.lowest : Infinity);
  return result;
}
