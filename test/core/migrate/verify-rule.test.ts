import { describe, expect, it } from 'vitest';
import { verifyRule, type MigrationRule } from '../../../core/migrate/index.js';
import { downgradeTo11, orderPlacedV11, orderPlacedV2, upgradeTo2 } from './order-placed.js';

const rule = (expr: string, mode: MigrationRule['mode'] = 'UPGRADE'): MigrationRule => ({ name: 'toV2', kind: 'TRANSFORM', type: 'JSONATA', mode, expr });
const samples = [
  { orderId: 'o1', customerId: 'c1', totalAmount: 10 },
  { orderId: 'o2', customerId: 'c2', totalAmount: 99.5, currency: 'EUR', discountAmount: 5 },
];
const up = { source: { schema: orderPlacedV11 }, target: { schema: orderPlacedV2 }, samples };

describe('verifying a rule at registration', () => {
  it('accepts the OrderPlaced upgrade and downgrade on their samples', async () => {
    await expect(verifyRule(rule(upgradeTo2), 'UPGRADE', up)).resolves.toEqual({ rule: 'toV2', direction: 'UPGRADE', executor: 'compiled', samples: { examples: 2, generated: 0 } });
    const v2 = { orderId: 'o', customerId: 'c', items: [{ sku: 'A', quantity: 1, unitPrice: 3 }], pricing: { subtotal: 3, tax: 0, discount: 0, total: 3 } };
    await expect(
      verifyRule(rule(downgradeTo11, 'DOWNGRADE'), 'DOWNGRADE', { source: { schema: orderPlacedV2 }, target: { schema: orderPlacedV11 }, samples: [v2] }),
    ).resolves.toMatchObject({ direction: 'DOWNGRADE', samples: { examples: 1, generated: 0 } });
  });

  it('refuses a rule whose output is invalid under the target, with the counterexample and ajv errors', async () => {
    const lossy = '{ "orderId": orderId, "customerId": customerId, "pricing": { "total": totalAmount } }';
    const error = await verifyRule(rule(lossy), 'UPGRADE', up).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INVALID_RULESET',
      details: { rule: 'toV2', direction: 'UPGRADE', input: samples[0], output: { orderId: 'o1', customerId: 'c1', pricing: { total: 10 } } },
    });
    expect((error as { details: { errors: { keyword: string }[] } }).details.errors.map((e) => e.keyword)).toContain('required');
  });

  it('refuses a rule that does not parse, naming the position', async () => {
    await expect(verifyRule(rule('{ "orderId": '), 'UPGRADE', up)).rejects.toMatchObject({
      code: 'INVALID_RULESET',
      message: expect.stringMatching(/syntax error at position \d+/),
      details: { rule: 'toV2', position: expect.any(Number) },
    });
  });

  it('refuses a rule that recurses without end', async () => {
    await expect(verifyRule(rule('( $f := function($x){ $f($x) }; $f(1) )'), 'UPGRADE', up)).rejects.toMatchObject({
      code: 'INVALID_RULESET',
      details: { failure: 'call-depth' },
    });
  });

  it('refuses a rule that loops past its time bound', async () => {
    const endless = '$reduce([1..1000000], function($acc, $v){ $acc + $sum([1..50]) }, 0)';
    await expect(verifyRule(rule(endless), 'UPGRADE', { ...up, bounds: { timeoutMs: 20, maxOutputBytes: 64 * 1024 * 1024 } })).rejects.toMatchObject({
      code: 'INVALID_RULESET',
      details: { failure: 'timeout' },
    });
  });

  it('refuses a rule that builds a huge value', async () => {
    await expect(verifyRule(rule('$map([1..60000], function($v){ "xxxxxxxxxxxxxxxxxxxxxxxx" })'), 'UPGRADE', { ...up, bounds: { timeoutMs: 10_000 } })).rejects.toMatchObject({
      code: 'INVALID_RULESET',
      details: { failure: 'output-size' },
    });
  });

  it('refuses a DOWNGRADE rule asked to run upward', async () => {
    await expect(verifyRule(rule('$', 'DOWNGRADE'), 'UPGRADE', up)).rejects.toMatchObject({ code: 'INVALID_RULESET' });
  });
});
