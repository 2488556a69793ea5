import { describe, expect, it } from 'vitest';
import { verifyRules, type MigrationRule } from '../../../core/migrate/index.js';
import type { JsonSchema } from '../../../core/schema/types.js';

const rule = (expr: string, mode: MigrationRule['mode'] = 'UPGRADE', name = 'toV2'): MigrationRule => ({ name, kind: 'TRANSFORM', type: 'JSONATA', mode, expr });
const refusal = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the rules were accepted'), (error: unknown) => error as { code: string; message: string; details: Record<string, unknown> });

/** A code no generator can produce an instance of (`\p{Lu}` is not generated). */
const coded: JsonSchema = { type: 'object', properties: { code: { type: 'string', pattern: '^\\p{Lu}{3}$' } }, required: ['code'], additionalProperties: false };
const codedAsNumber: JsonSchema = { type: 'object', properties: { code: { type: 'integer' } }, required: ['code'], additionalProperties: false };
const order: JsonSchema = {
  type: 'object',
  properties: { orderId: { type: 'string' }, total: { type: 'number' }, currency: { type: 'string' } },
  required: ['orderId', 'total'],
  additionalProperties: false,
};
const orderV2: JsonSchema = {
  type: 'object',
  properties: { orderId: { type: 'string' }, price: { type: 'object', properties: { amount: { type: 'number' }, currency: { type: 'string' } }, required: ['amount', 'currency'] } },
  required: ['orderId', 'price'],
  additionalProperties: false,
};

describe('verifyRules: the one verification of migration rules', () => {
  it('refuses to verify on zero samples (42210, "add examples"), instead of passing vacuously', async () => {
    const error = await refusal(verifyRules({ ruleSet: { migrationRules: [rule('{"code": $number(code)}')] }, older: { schema: coded }, newer: { schema: codedAsNumber } }));
    expect(error).toMatchObject({ code: 'INVALID_RULESET', details: { rule: 'toV2', direction: 'UPGRADE', samples: { examples: 0, generated: 0 } } });
    expect(error.message).toMatch(/add examples to verify this rule/);
  });

  it('verifies on the labelled examples when nothing can be generated, and finds the failing one', async () => {
    const error = await refusal(
      verifyRules({ ruleSet: { migrationRules: [rule('{"code": $number(code)}')] }, older: { schema: coded, examples: [{ code: 'ABC' }] }, newer: { schema: codedAsNumber } }),
    );
    expect(error).toMatchObject({ code: 'INVALID_RULESET', details: { input: { code: 'ABC' }, samples: { examples: 1, generated: 0 } } });
  });

  it('counts examples (given and the schema’s own) and generated instances, and names the executor', async () => {
    const withOwnExamples = { ...order, examples: [{ orderId: 'o9', total: 9, currency: 'USD' }] };
    const verified = await verifyRules({
      ruleSet: { migrationRules: [rule('{"orderId": orderId, "price": {"amount": total, "currency": currency ? currency : "EUR"}}')] },
      older: { schema: withOwnExamples, examples: [{ orderId: 'o1', total: 1 }, { orderId: 2 }] },
      newer: { schema: orderV2 },
    });
    expect(verified).toHaveLength(1);
    // { orderId: 2 } is not valid under the source: not a sample.
    expect(verified[0]).toMatchObject({ rule: 'toV2', direction: 'UPGRADE', executor: 'compiled', samples: { examples: 2 } });
    expect(verified[0].samples.generated).toBeGreaterThan(5);
  });

  it('refuses a rule that passes the labelled examples but not the generated samples (what check used to miss)', async () => {
    // Every example carries a currency; generated events without one break the rule.
    const error = await refusal(
      verifyRules({
        ruleSet: { migrationRules: [rule('{"orderId": orderId, "price": {"amount": total, "currency": currency}}')] },
        older: { schema: order, examples: [{ orderId: 'o1', total: 1, currency: 'EUR' }] },
        newer: { schema: orderV2 },
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_RULESET', details: { samples: { examples: 1 } } });
    expect((error.details.input as Record<string, unknown>).currency).toBeUndefined();
  });

  it('holds each sample to the run-time bound, not to the whole verification budget', async () => {
    // A few milliseconds of work per event: far inside the 500 ms budget, outside a 1 ms bound.
    const slow = rule('($sum($map([1..300000], function($v){ $v })); {"orderId": orderId, "price": {"amount": total, "currency": "EUR"}})');
    const error = await refusal(
      verifyRules({ ruleSet: { migrationRules: [slow] }, older: { schema: order, examples: [{ orderId: 'o1', total: 1 }] }, newer: { schema: orderV2 }, bounds: { timeoutMs: 1 } }),
    );
    expect(error).toMatchObject({ code: 'INVALID_RULESET', details: { failure: 'timeout' } });
    expect(error.message).toMatch(/longer than 1 ms/);
  });

  it('spends one budget over every sample and both directions', async () => {
    const busy = '($sum($map([1..20000], function($v){ $v })); $)';
    const error = await refusal(
      verifyRules({
        ruleSet: { migrationRules: [rule(busy, 'UPDOWN')] },
        older: { schema: order, examples: [{ orderId: 'o1', total: 1 }] },
        newer: { schema: order },
        budgetMs: 3,
        generated: 200,
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_RULESET', details: { failure: 'timeout' } });
  });

  it('runs every rule of a direction in order, as the chain does, and verifies both directions', async () => {
    const verified = await verifyRules({
      ruleSet: {
        migrationRules: [
          rule('$merge([$, {"step": 1}])', 'UPGRADE', 'first'),
          rule('{"orderId": orderId, "price": {"amount": total, "currency": "EUR"}}', 'UPGRADE', 'second'),
          rule('{"orderId": orderId, "total": price.amount}', 'DOWNGRADE', 'back'),
        ],
      },
      older: { schema: order, examples: [{ orderId: 'o1', total: 1 }] },
      newer: { schema: orderV2, examples: [{ orderId: 'o1', price: { amount: 1, currency: 'EUR' } }] },
    });
    expect(verified.map((v) => [v.rule, v.direction])).toEqual([
      ['first, second', 'UPGRADE'],
      ['back', 'DOWNGRADE'],
    ]);
  });

  it('says when a rule runs on the interpreter', async () => {
    const [verified] = await verifyRules({
      ruleSet: { migrationRules: [rule('$ ~> |$|{"total": total * 2}|')] },
      older: { schema: order, examples: [{ orderId: 'o1', total: 1 }] },
      newer: { schema: order },
    });
    expect(verified.executor).toBe('interpreted');
  });
});
