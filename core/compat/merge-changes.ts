import { changeKinds, mergedKinds, type ChangeDetail, type ChangeKind } from './kinds.js';
import type { RawChange } from './subset/index.js';
import type { SchemaChange } from './types.js';

/** One change per (kind, path), with the directions it breaks; opposite narrowed/extended pairs become one `_CHANGED`. */
export function mergeRaw(raw: RawChange[]): SchemaChange[] {
  const byKey = new Map<string, { kind: ChangeKind; path: string; back: boolean; fwd: boolean; detail: ChangeDetail }>();
  for (const r of raw) {
    const key = `${r.kind}\u0000${r.path}`;
    const have = byKey.get(key);
    if (have) {
      if (r.direction === 'backward') have.back = true;
      else have.fwd = true;
      continue;
    }
    byKey.set(key, { kind: r.kind, path: r.path, back: r.direction === 'backward', fwd: r.direction === 'forward', detail: r.detail });
  }
  // X_NARROWED (backward) + X_EXTENDED (forward) at one path → X_CHANGED
  for (const [kind, m] of Object.entries(mergedKinds) as Array<[ChangeKind, { other: ChangeKind; merged: ChangeKind }]>) {
    for (const entry of [...byKey.values()]) {
      if (entry.kind !== kind) continue;
      const otherKey = `${m.other}\u0000${entry.path}`;
      const other = byKey.get(otherKey);
      if (!other) continue;
      byKey.delete(`${kind}\u0000${entry.path}`);
      byKey.delete(otherKey);
      byKey.set(`${m.merged}\u0000${entry.path}`, {
        kind: m.merged,
        path: entry.path,
        back: entry.back || other.back,
        fwd: entry.fwd || other.fwd,
        detail: { ...entry.detail, note: entry.detail.note ?? other.detail.note },
      });
    }
  }
  return [...byKey.values()].map((e) => ({
    kind: e.kind,
    path: e.path,
    breaksBackward: e.back,
    breaksForward: e.fwd,
    message: changeKinds[e.kind].describe(e.detail),
  }));
}

export function sortChanges(changes: SchemaChange[]): SchemaChange[] {
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}
