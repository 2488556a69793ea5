import { annotationChanges } from './annotations.js';
import { checkDirection, docOf } from './check-direction.js';
import { changeKinds } from './kinds.js';
import type { CompatibilityPolicy } from './levels.js';
import { withLimits } from './limits.js';
import { mergeRaw, sortChanges } from './merge-changes.js';
import type { Direction, RawChange } from './subset/index.js';
import type { CompareOptions, SchemaChange, SchemaInput } from './types.js';

/**
 * Every difference between two versions that matters to readers, with which direction it breaks,
 * plus annotation-only differences (which break nothing).
 */
export function diffSchemas(older: SchemaInput, newer: SchemaInput, options: CompareOptions = {}): SchemaChange[] {
  return withLimits(options.limits, () => diffInternal(older, newer, options.policy ?? 'STRICT').changes);
}

export function diffInternal(older: SchemaInput, newer: SchemaInput, policy: CompatibilityPolicy): { changes: SchemaChange[]; backOk: boolean; fwdOk: boolean } {
  const dOld = docOf(older);
  const dNew = docOf(newer);
  const raw: RawChange[] = [];
  const backOk = checkDirection(dOld, dNew, 'backward', policy, raw);
  const fwdOk = checkDirection(dOld, dNew, 'forward', policy, raw);
  // A failing direction always carries at least one reason.
  if (!backOk && !raw.some((r) => r.direction === 'backward')) raw.push(fallback('backward'));
  if (!fwdOk && !raw.some((r) => r.direction === 'forward')) raw.push(fallback('forward'));
  const changes = mergeRaw(raw);
  for (const a of annotationChanges(older.schema, newer.schema)) {
    changes.push({
      kind: a.kind,
      path: a.path,
      breaksBackward: false,
      breaksForward: false,
      message: changeKinds[a.kind].describe({ key: a.key, old: a.old, new: a.new }),
    });
  }
  return { changes: sortChanges(changes), backOk, fwdOk };
}

function fallback(direction: Direction): RawChange {
  return {
    kind: direction === 'backward' ? 'SCHEMA_NARROWED' : 'SCHEMA_EXTENDED',
    path: '',
    direction,
    detail: { direction, note: 'the engine could not prove the schemas compatible' },
  };
}
