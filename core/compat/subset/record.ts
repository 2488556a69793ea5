/** Recording reasons: a change is written only when someone listens (`ctx.sink`). */

import type { ChangeKind } from '../kinds.js';
import type { SubsetContext } from './context.js';

interface Sides {
  key?: string;
  /** value on the writer (A) side */
  a?: unknown;
  /** value on the reader (B) side */
  b?: unknown;
  note?: string;
}

export function rec(ctx: SubsetContext, kindBackward: ChangeKind, kindForward: ChangeKind, path: string, s: Sides = {}): void {
  if (!ctx.sink) return;
  const back = ctx.direction === 'backward';
  ctx.sink.push({
    kind: back ? kindBackward : kindForward,
    path,
    direction: ctx.direction,
    detail: { direction: ctx.direction, key: s.key, old: back ? s.a : s.b, new: back ? s.b : s.a, note: s.note },
  });
}

export function probe<T>(ctx: SubsetContext, fn: () => T): T {
  const saved = ctx.sink;
  ctx.sink = null;
  try {
    return fn();
  } finally {
    ctx.sink = saved;
  }
}

export function limit(ctx: SubsetContext, path: string, note: string): void {
  ctx.exhausted = true;
  rec(ctx, 'UNDECIDABLE_LIMIT', 'UNDECIDABLE_LIMIT', path, { note });
}
