import type { Flat } from '../../normalize/index.js';
import type { SubsetContext } from '../context.js';

/** One instance kind `t` of the writer `fA` checked against the reader `fB` at `path`. */
export interface KindQuery {
  fA: Flat;
  t: number;
  fB: Flat;
  path: string;
  depth: number;
  ctx: SubsetContext;
  /** The writer is read as closed (LENIENT policy, open objects). */
  lenientA: boolean;
}

/**
 * A compatibility rule for a keyword family. `check` answers whether every writer value of the
 * kind satisfies the family's reader keywords, recording why not (see `record.ts`).
 */
export interface KindRule {
  readonly name: string;
  /** Instance kinds (K_* bits) the rule applies to. */
  readonly kinds: number;
  check(q: KindQuery): boolean;
}
