import { describe, expect, it } from 'vitest';
import { planChain, ruleFor, type MigrationRule, type VersionedSchema } from '../../../core/migrate/index.js';
import { downgradeTo11, orderPlacedV1, orderPlacedV11, orderPlacedV2, upgradeTo2 } from './order-placed.js';

const rule = (name: string, mode: MigrationRule['mode'], expr: string): MigrationRule => ({ name, kind: 'TRANSFORM', type: 'JSONATA', mode, expr });

const versions: VersionedSchema[] = [
  { version: 1, semver: '1.0.0', schema: orderPlacedV1 },
  { version: 2, semver: '1.1.0', schema: orderPlacedV11 },
  {
    version: 3,
    semver: '2.0.0',
    schema: orderPlacedV2,
    ruleSet: { migrationRules: [rule('orderPlacedTo2', 'UPGRADE', upgradeTo2), rule('orderPlacedTo11', 'DOWNGRADE', downgradeTo11)] },
  },
];
// 1.0.0 and 1.1.0 are compatible both ways; 2.0.0 breaks with 1.x.
const compatible = (a: VersionedSchema, b: VersionedSchema) => a.semver.startsWith('1.') && b.semver.startsWith('1.');

describe('OrderPlaced 1.0.0 → 1.1.0 → 2.0.0', () => {
  it('reads a 1.0.0 event as 2.0.0 through an identity hop and the upgrade rule', () => {
    const chain = planChain(versions, 1, 3, compatible, { subject: 'order.OrderPlaced' });
    expect(chain.compiled).toBe(true);
    expect(chain.hops).toEqual([
      { from: '1.0.0', to: '1.1.0' },
      { from: '1.1.0', to: '2.0.0', rule: 'orderPlacedTo2' },
    ]);
    expect(chain.run({ orderId: 'ord-1', customerId: 'cus-9', totalAmount: 120 })).toEqual({
      orderId: 'ord-1',
      customerId: 'cus-9',
      currency: 'USD',
      items: [{ sku: 'UNSPECIFIED', quantity: 1, unitPrice: 120 }],
      pricing: { subtotal: 120, tax: 0, discount: 0, total: 120 },
    });
  });

  it('carries a 1.1.0 discount and currency into 2.0.0 pricing', () => {
    const chain = planChain(versions, 2, 3, compatible);
    expect(chain.run({ orderId: 'o', customerId: 'c', totalAmount: 100, currency: 'EUR', discountAmount: 15 })).toMatchObject({
      currency: 'EUR',
      pricing: { subtotal: 100, tax: 0, discount: 15, total: 85 },
    });
  });

  it('reads a 2.0.0 event as 1.1.0 through the downgrade rule', () => {
    const chain = planChain(versions, 3, 2, compatible);
    expect(chain.hops).toEqual([{ from: '2.0.0', to: '1.1.0', rule: 'orderPlacedTo11' }]);
    const v2 = {
      orderId: 'o',
      customerId: 'c',
      currency: 'EUR',
      items: [{ sku: 'A', quantity: 2, unitPrice: 50 }],
      pricing: { subtotal: 100, tax: 0, discount: 15, total: 85 },
    };
    expect(chain.run(v2)).toEqual({ orderId: 'o', customerId: 'c', totalAmount: 100, currency: 'EUR', discountAmount: 15 });
  });

  it('reads a 2.0.0 event as 1.0.0 through the downgrade and an identity hop', () => {
    const chain = planChain(versions, 3, 1, compatible);
    expect(chain.hops.map((h) => `${h.from}->${h.to}`)).toEqual(['2.0.0->1.1.0', '1.1.0->1.0.0']);
  });

  it('refuses a path across a breaking version with no rule, naming the hop', () => {
    const withoutRules = versions.map((v) => ({ ...v, ruleSet: undefined }));
    expect(() => planChain(withoutRules, 1, 3, compatible)).toThrowError(
      expect.objectContaining({
        code: 'NO_MIGRATION_PATH',
        message: 'no UPGRADE rule from 1.1.0 to 2.0.0 and the versions are not backward compatible',
      }),
    );
    expect(() => planChain(withoutRules, 3, 2, compatible)).toThrowError(/no DOWNGRADE rule from 2.0.0 to 1.1.0 and the versions are not forward compatible/);
  });

  it('refuses a chain that starts at a version carrying a rule with no predecessor', () => {
    const stray = [{ ...versions[0], ruleSet: { migrationRules: [rule('orphan', 'UPGRADE', '$')] } }, ...versions.slice(1)];
    expect(() => planChain(stray, 1, 3, compatible)).toThrowError(expect.objectContaining({ code: 'INVALID_RULESET', message: expect.stringMatching(/"orphan".*no previous version/) }));
  });

  it('returns the same compiled chain for the same subject, ends and rules', () => {
    expect(planChain(versions, 1, 3, compatible, { subject: 's' })).toBe(planChain(versions, 1, 3, compatible, { subject: 's' }));
  });

  it('runs an UPDOWN rule both ways, with params.downgrade as the downgrade expression', () => {
    const updown: MigrationRule = { ...rule('both', 'UPDOWN', '$merge([$, {"v": 2}])'), params: { downgrade: '$sift($, function($v, $k){ $k != "v" })' } };
    expect(ruleFor({ migrationRules: [updown] }, 'UPGRADE')).toBe(updown);
    expect(ruleFor({ migrationRules: [updown] }, 'DOWNGRADE')).toBe(updown);
    const pair: VersionedSchema[] = [
      { version: 1, semver: '1.0.0', schema: true },
      { version: 2, semver: '2.0.0', schema: true, ruleSet: { migrationRules: [updown] } },
    ];
    const never = () => false;
    expect(planChain(pair, 1, 2, never).run({ a: 1 })).toEqual({ a: 1, v: 2 });
    expect(planChain(pair, 2, 1, never).run({ a: 1, v: 2 })).toEqual({ a: 1 });
  });

  it('skips disabled rules', () => {
    expect(ruleFor({ migrationRules: [{ ...rule('off', 'UPGRADE', '$'), disabled: true }] }, 'UPGRADE')).toBeUndefined();
  });
});
