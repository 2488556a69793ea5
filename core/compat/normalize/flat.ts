import type { Doc, JsonSchema, NodeInfo } from '../document/index.js';
import type { Re2Pattern } from '../../schema/re2-regexp.js';

export type Role = 'A' | 'B';

/** Disjunctive keywords of an atom already expanded by the caller (`SRef.omit` bits). */
export const OMIT_ANYOF = 1;
export const OMIT_ONEOF = 2;
export const OMIT_IF = 4;

/** A schema node in its document, with the base URI its relative references resolve against. */
export interface SRef {
  /** Memoised atomKey. */
  key?: string;
  /** Memoised structural info of `node`. */
  info?: NodeInfo;
  readonly node: JsonSchema;
  readonly doc: Doc;
  readonly base: string;
  /** Disjunctive keywords of this node already expanded by the caller (bit set of OMIT_*). */
  readonly omit: number;
}

export interface Issue {
  kind: 'UNRESOLVED_REF' | 'REF_CYCLE' | 'TOO_LARGE' | 'DYNAMIC_REF';
  message: string;
}

export interface PatternEntry {
  source: string;
  re: Re2Pattern | null;
  schema: SRef;
}

export interface Facet {
  props: Map<string, SRef>;
  patterns: PatternEntry[];
  /** Schema for keys matched by neither props nor patterns; undefined = anything. */
  rest: SRef | undefined;
  model: 'open' | 'partial' | 'closed';
  /** True when the facet came from `properties`/`additionalProperties`/`patternProperties`. */
  declares: boolean;
  unevaluated: boolean;
}

export interface Tuple {
  prefix: SRef[];
  rest: SRef | undefined;
  model: 'open' | 'partial' | 'closed';
  unevaluated: boolean;
}

export interface Contains {
  schema: SRef;
  min: number;
  max: number | undefined;
}

export interface Group {
  owner: SRef;
  alts: SRef[];
  one: boolean;
}

export interface Cond {
  owner: SRef;
  if: SRef;
  then: SRef | undefined;
  else: SRef | undefined;
}

export interface Flat {
  atoms: SRef[];
  key: string;
  refFree: boolean;
  empty: boolean;
  issues: Issue[];
  kinds: number;
  integer: boolean;
  enums: unknown[][];
  lo: number | undefined;
  loEx: boolean;
  hi: number | undefined;
  hiEx: boolean;
  multipleOf: number[];
  minLen: number;
  maxLen: number | undefined;
  patterns: string[];
  formats: string[];
  facets: Facet[];
  required: Set<string>;
  minProps: number;
  maxProps: number | undefined;
  propertyNames: SRef[];
  depReq: Map<string, string[]>;
  depSch: Array<[string, SRef]>;
  tuples: Tuple[];
  minItems: number;
  maxItems: number | undefined;
  unique: boolean;
  contains: Contains[];
  groups: Group[];
  nots: SRef[];
  conds: Cond[];
  opaque: Array<[string, unknown]>;
  /** False when the flat accepts every instance (no constraint at all). */
  constrains: boolean;
}
