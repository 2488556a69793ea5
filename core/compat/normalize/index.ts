/**
 * Normal form of a conjunction of schema nodes ("flat"): `$ref` and `allOf` are expanded into a list
 * of atoms, and the atoms' constraints are merged per instance kind. Disjunctive parts (`anyOf`,
 * `oneOf`, `if`/`then`/`else`, `not`) are kept as pending groups for the subset engine.
 *
 * Two readings exist, because `unevaluatedProperties`/`unevaluatedItems` depend on annotations that
 * cannot always be known statically:
 *  - role 'A' (the writer side of a subset check) over-approximates: when unsure, a constraint is
 *    dropped, so the flat accepts at least what the schema accepts;
 *  - role 'B' (the reader side) under-approximates: when unsure, a constraint is kept everywhere it
 *    might apply, so the flat accepts at most what the schema accepts.
 * A subset proof between an over-approximated writer and an under-approximated reader is sound.
 *
 * Pipeline: collect-atoms (expand `$ref`/`allOf`) → parse-atom (keyword families, `keywords/`) →
 * merge → flatten.
 */
export { K_NULL, K_BOOL, K_NUM, K_STR, K_ARR, K_OBJ, K_ALL, KIND_LIST, kindOfValue } from './instance-kinds.js';
export {
  OMIT_ANYOF,
  OMIT_ONEOF,
  OMIT_IF,
  type Role,
  type SRef,
  type Issue,
  type PatternEntry,
  type Facet,
  type Tuple,
  type Contains,
  type Group,
  type Cond,
  type Flat,
} from './flat.js';

export { TRUE_REF, FALSE_REF, synthetic, child, rootRef, refInfo, atomKey, isTrivialRef, isFalseRef, withOmit } from './refs.js';
export { CONSTRAINING } from './constraining.js';
export { compilePattern } from './compile-pattern.js';
export { MAX_ATOMS, collectAtoms } from './collect-atoms.js';
export { flatten } from './flatten.js';
