import { describe, expect, it } from 'vitest';
import { checkDomainRules, DomainRuleViolation, runDomainRules, type DomainRule } from '../../../core/rules/index.js';

const schema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    amount: { type: 'number' },
    customer: { type: 'object', properties: { email: { type: 'string' }, name: { type: 'string', 'confluent:tags': ['PII'] } } },
    lines: { type: 'array', items: { type: 'object', properties: { note: { type: 'string', 'confluent:tags': ['FREE_TEXT'] } } } },
  },
};
const event = { id: 'e-1', amount: 12, customer: { email: 'a@b.c', name: 'Ann' }, lines: [{ note: 'x' }, { note: 'y' }] };
const run = (rules: DomainRule[], mode: 'WRITE' | 'READ', message: unknown = event, metadataTags?: Record<string, string[]>) =>
  runDomainRules({ rules, mode, message, schema, metadataTags });
const violation = (thunk: () => unknown) => {
  try {
    thunk();
  } catch (error) {
    if (error instanceof DomainRuleViolation) return { rule: error.rule.name, action: error.action };
    throw error;
  }
  return undefined;
};
const condition = (name: string, expr: string, extra: Partial<DomainRule> = {}): DomainRule => ({ name, kind: 'CONDITION', type: 'CEL', mode: 'WRITE', expr, ...extra });

describe('domain rules (CEL with @bufbuild/cel)', () => {
  it('passes an event every condition accepts, and names the first one that rejects it', () => {
    expect(run([condition('positive', 'message.amount > 0')], 'WRITE')).toBe(event);
    expect(violation(() => run([condition('positive', 'message.amount > 0'), condition('tiny', 'message.amount < 5')], 'WRITE'))).toEqual({ rule: 'tiny', action: 'ERROR' });
  });

  it('runs only the rules of the direction, skips disabled ones, and honours NONE and the write,read split', () => {
    const rules = [
      condition('read-only', 'false', { mode: 'READ' }),
      condition('off', 'false', { disabled: true }),
      condition('quiet', 'false', { onFailure: 'NONE' }),
      condition('split', 'false', { mode: 'WRITEREAD', onFailure: 'NONE,DLQ' }),
    ];
    expect(run(rules, 'WRITE')).toBe(event);
    expect(violation(() => run(rules.slice(2), 'READ'))).toEqual({ rule: 'split', action: 'DLQ' });
  });

  it('skips a rule whose guard before ";" is false', () => {
    expect(run([condition('guarded', 'message.amount > 100 ; false')], 'WRITE')).toBe(event);
    expect(violation(() => run([condition('guarded', 'message.amount > 1 ; false')], 'WRITE'))).toMatchObject({ rule: 'guarded' });
  });

  it('transforms the whole message with a CEL TRANSFORM, into JSON', () => {
    const rule: DomainRule = { name: 'slim', kind: 'TRANSFORM', type: 'CEL', mode: 'READ', expr: '{"id": message.id, "cents": message.amount * 100.0, "tags": ["a", "b"], "n": 3}' };
    expect(run([rule], 'READ')).toEqual({ id: 'e-1', cents: 1200, tags: ['a', 'b'], n: 3 });
  });

  it('transforms the fields carrying a tag, from confluent:tags and from metadata paths, leaving the input untouched', () => {
    const mask: DomainRule = { name: 'mask', kind: 'TRANSFORM', type: 'CEL_FIELD', mode: 'READ', tags: ['PII'], expr: '"***"' };
    const masked = run([mask], 'READ', event, { '$.customer.email': ['PII'] });
    expect(masked).toEqual({ ...event, customer: { email: '***', name: '***' } });
    expect(event.customer.name).toBe('Ann');
    const everyString: DomainRule = { name: 'upper', kind: 'TRANSFORM', type: 'CEL_FIELD', mode: 'READ', expr: 'typeName == "STRING" ; value.upperAscii()' };
    expect(run([everyString], 'READ', event, { '$.lines.**': ['X'] })).toEqual({ id: 'E-1', amount: 12, customer: { email: 'A@B.C', name: 'ANN' }, lines: [{ note: 'X' }, { note: 'Y' }] });
  });

  it('fails a CEL_FIELD condition when any applicable field fails it', () => {
    const rule: DomainRule = { name: 'short-notes', kind: 'CONDITION', type: 'CEL_FIELD', mode: 'WRITE', tags: ['FREE_TEXT'], expr: 'size(value) < 2' };
    expect(run([rule], 'WRITE')).toBe(event);
    expect(violation(() => run([rule], 'WRITE', { ...event, lines: [{ note: 'long' }] }))).toMatchObject({ rule: 'short-notes' });
  });

  it('treats an evaluation error, a non-boolean condition and an unknown rule type as failures', () => {
    expect(violation(() => run([condition('missing', 'message.nope == 1')], 'WRITE'))).toMatchObject({ rule: 'missing', action: 'ERROR' });
    expect(violation(() => run([condition('number', 'message.amount')], 'WRITE'))).toMatchObject({ rule: 'number' });
    expect(violation(() => run([{ ...condition('enc', 'true'), type: 'ENCRYPT' }], 'WRITE'))).toMatchObject({ rule: 'enc' });
  });

  it('checks the shape of rules: names, kinds, modes, actions and parsable CEL', () => {
    expect(checkDomainRules([condition('ok', 'message.a ; true')])).toEqual([]);
    const problems = checkDomainRules([
      condition('a', 'message.amount >'),
      { ...condition('a', 'true'), kind: 'CHECK' },
      { ...condition('b', 'true'), mode: 'UPGRADE' },
      condition('c', 'true', { onFailure: 'EXPLODE' }),
    ]);
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/\[0\]\.expr.*parse/);
    expect(problems.join('\n')).toMatch(/repeats the rule name 'a'/);
  });
});
