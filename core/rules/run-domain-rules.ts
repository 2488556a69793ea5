import type { JsonSchema } from '../schema/types.js';
import { celProgram, CelRuleError, evaluate } from './cel.js';
import { transformFields, type FieldVisit } from './field-walk.js';
import type { DomainRule, MetadataTags, RuleAction } from './types.js';

/** A rule that failed with an action other than NONE: the caller refuses the event, or dead-letters it. */
export class DomainRuleViolation extends Error {
  constructor(
    readonly rule: DomainRule,
    readonly action: Exclude<RuleAction, 'NONE'>,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainRuleViolation';
  }
}

export interface DomainRunInput {
  rules: readonly DomainRule[] | undefined;
  /** The direction being run: encode runs WRITE rules, decode READ rules (in reverse order). */
  mode: 'WRITE' | 'READ';
  message: unknown;
  /** The schema of the version whose rules these are: CEL_FIELD walks the fields it declares. */
  schema: JsonSchema;
  metadataTags?: MetadataTags;
}

/**
 * Runs a version's domain rules over one message, in Confluent's order and with its semantics:
 * CEL conditions and transforms over `message`, CEL_FIELD over every declared primitive field (with
 * `name`, `fullName`, `value`, `typeName`, `tags`, `message`), an optional guard before `;`,
 * `disabled` rules skipped, and on failure the rule's `onFailure` action (ERROR by default; NONE
 * carries on). Returns the (possibly transformed) message; the input is never mutated.
 */
export function runDomainRules(input: DomainRunInput): unknown {
  const rules = input.rules ?? [];
  const ordered = input.mode === 'READ' ? [...rules].reverse() : rules;
  let message = input.message;
  for (const rule of ordered) {
    if (rule.disabled === true || (rule.mode !== input.mode && rule.mode !== 'WRITEREAD')) continue;
    const failure = (reason: string, cause?: unknown) => {
      const action = actionFor(rule.onFailure, input.mode) ?? 'ERROR';
      if (action !== 'NONE') throw new DomainRuleViolation(rule, action, `Rule ${rule.name} failed: ${reason}`, { cause });
    };
    try {
      const outcome = runRule(rule, message, input);
      if (outcome.passed) message = outcome.message;
      else failure(rule.doc ?? `Expr failed: '${rule.expr ?? ''}'`);
    } catch (error) {
      if (error instanceof DomainRuleViolation) throw error;
      if (!(error instanceof CelRuleError)) throw error;
      failure(error.message, error);
    }
  }
  return message;
}

function runRule(rule: DomainRule, message: unknown, input: DomainRunInput): { passed: boolean; message: unknown } {
  const { guard, body } = splitGuard(rule.expr ?? '');
  if (rule.type === 'CEL') {
    const bindings = { message };
    if (guard !== undefined && evaluate(celProgram(guard), bindings) === false) return { passed: true, message };
    const result = evaluate(celProgram(body), bindings);
    if (rule.kind === 'TRANSFORM') return { passed: true, message: result };
    return { passed: asBoolean(result, rule), message };
  }
  if (rule.type === 'CEL_FIELD') {
    const wanted = rule.tags ?? [];
    const applies = (field: FieldVisit) => wanted.length === 0 || wanted.some((tag) => field.tags.has(tag));
    let passed = true;
    const copy = rule.kind === 'TRANSFORM' ? structuredClone(message) : message;
    const transformed = transformFields(input.schema, copy, input.metadataTags, (field) => {
      if (!applies(field)) return field.value;
      const bindings = { value: field.value, name: field.name, fullName: field.fullName, typeName: field.typeName, tags: [...field.tags], message: field.message };
      if (guard !== undefined && evaluate(celProgram(guard), bindings) === false) return field.value;
      const result = evaluate(celProgram(body), bindings);
      if (rule.kind === 'TRANSFORM') return result;
      if (!asBoolean(result, rule)) passed = false;
      return field.value;
    });
    return { passed, message: rule.kind === 'TRANSFORM' ? transformed : message };
  }
  throw new CelRuleError(`no executor for rule type ${rule.type}: Charter runs CEL and CEL_FIELD domain rules`);
}

function splitGuard(expr: string): { guard?: string; body: string } {
  const index = expr.indexOf(';');
  if (index < 0) return { body: expr };
  const guard = expr.slice(0, index).trim();
  return { guard: guard.length > 0 ? guard : undefined, body: expr.slice(index + 1) };
}

function asBoolean(result: unknown, rule: DomainRule): boolean {
  if (typeof result !== 'boolean') throw new CelRuleError(`condition ${rule.name} gave ${JSON.stringify(result)}, not true or false`);
  return result;
}

/** `"ERROR"`, or `"NONE,DLQ"` meaning one action on write and another on read (WRITEREAD rules). */
function actionFor(spec: string | undefined, mode: 'WRITE' | 'READ'): RuleAction | undefined {
  if (spec === undefined || spec === '') return undefined;
  const parts = spec.split(',').map((part) => part.trim());
  const chosen = parts.length > 1 ? parts[mode === 'WRITE' ? 0 : 1] : parts[0];
  return (chosen === 'NONE' || chosen === 'ERROR' || chosen === 'DLQ' ? chosen : 'ERROR') as RuleAction;
}
