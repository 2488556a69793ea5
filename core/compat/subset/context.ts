import type { Draft } from '../../schema/types.js';
import type { ChangeDetail, ChangeKind } from '../kinds.js';

export type Policy = 'STRICT' | 'LENIENT';
export type Direction = 'backward' | 'forward';

export interface RawChange {
  kind: ChangeKind;
  path: string;
  direction: Direction;
  detail: ChangeDetail;
}

export interface SubsetContext {
  policy: Policy;
  direction: Direction;
  sink: RawChange[] | null;
  budget: number;
  exhausted: boolean;
  inProgress: Map<string, { depth: number; index: number }>;
  stackSize: number;
  lowest: number;
  memo: Map<string, boolean>;
  /** Draft of the newer schema, for naming paths (`items`/`prefixItems`). */
  newerDraft: Draft;
}

export const DEFAULT_BUDGET = 250_000;

export function newContext(policy: Policy, direction: Direction, sink: RawChange[] | null, newerDraft: Draft): SubsetContext {
  return {
    policy,
    direction,
    sink,
    budget: DEFAULT_BUDGET,
    exhausted: false,
    inProgress: new Map(),
    stackSize: 0,
    lowest: Infinity,
    memo: new Map(),
    newerDraft,
  };
}
