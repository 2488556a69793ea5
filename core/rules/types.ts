/** When a domain rule runs: on write (encode), on read (decode), or both. */
export type DomainRuleMode = 'WRITE' | 'READ' | 'WRITEREAD';

/** The rule types Charter executes: CEL over the whole message, CEL_FIELD over each field. */
export const domainRuleTypes = ['CEL', 'CEL_FIELD'] as const;

/** The actions a rule may take on success or failure; `"A,B"` splits write and read for WRITEREAD. */
export const ruleActions = ['NONE', 'ERROR', 'DLQ'] as const;
export type RuleAction = (typeof ruleActions)[number];

/**
 * A Confluent data-contract domain rule.
 *
 * @example
 * const rule: DomainRule = { name: 'positive', kind: 'CONDITION', type: 'CEL', mode: 'WRITE', expr: 'message.amount > 0' };
 */
export interface DomainRule {
  name: string;
  doc?: string;
  kind: 'CONDITION' | 'TRANSFORM';
  type: string;
  mode: DomainRuleMode | string;
  expr?: string;
  /** CEL_FIELD only: the rule applies to fields carrying one of these tags (all fields when empty). */
  tags?: string[];
  params?: Record<string, string>;
  onSuccess?: string;
  onFailure?: string;
  disabled?: boolean;
}

/** Tags by field path (`$.ssn`, `**.email`), as Confluent's version metadata carries them. */
export type MetadataTags = Record<string, string[]>;
