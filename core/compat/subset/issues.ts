import type { Issue } from '../normalize/index.js';
import type { ChangeKind } from '../kinds.js';

/** What a problem found while normalising a schema (an unresolvable `$ref`, a cycle...) is reported as. */
export const issueKinds: Readonly<Record<Issue['kind'], ChangeKind>> = {
  UNRESOLVED_REF: 'UNRESOLVED_REFERENCE',
  REF_CYCLE: 'UNDECIDABLE_RECURSION',
  DYNAMIC_REF: 'UNRESOLVED_REFERENCE',
  TOO_LARGE: 'UNDECIDABLE_LIMIT',
};
