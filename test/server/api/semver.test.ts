import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { migrationRules, orderPlacedV1, orderPlacedV1_1, orderPlacedV2, register } from '../../support/schemas.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

const api = (method: string, path: string, body?: unknown) => call(registry.url, method, path, body);
const subject = (name: string) => `/subjects/semver.${name}/versions`;

describe('semver policy', () => {
  it('infers a patch bump when only annotations change', async () => {
    await api('POST', subject('Patch'), register(orderPlacedV1));
    const described = { ...orderPlacedV1, description: 'An order was placed' };
    expect((await api('POST', subject('Patch'), register(described))).body).toMatchObject({ version: 2, semver: '1.0.1' });
  });

  it('refuses a breaking change without a declared semver with 409 and the changes', async () => {
    await api('POST', subject('Breaking'), register(orderPlacedV1));
    const refused = await api('POST', subject('Breaking'), register(orderPlacedV2));
    expect(refused.status).toBe(409);
    expect(refused.body.error_code).toBe(409);
    expect(refused.body.message).toContain('"semver": "2.0.0"');
    expect(refused.body.changes.length).toBeGreaterThan(0);
    expect((await api('GET', `${subject('Breaking')}`)).body).toEqual([1]);
  });

  it('refuses a declared semver that is not greater than the latest', async () => {
    await api('POST', subject('Lower'), register(orderPlacedV1));
    const refused = await api('POST', subject('Lower'), register(orderPlacedV1_1, { semver: '1.0.0' }));
    expect(refused.status).toBe(422);
    expect(refused.body.error_code).toBe(42211);
    expect(refused.body.message).toContain('must be greater than');
  });

  it('refuses a declared patch for a change that needs a minor bump, naming the required version', async () => {
    await api('POST', subject('TooSmall'), register(orderPlacedV1));
    const refused = await api('POST', subject('TooSmall'), register(orderPlacedV1_1, { semver: '1.0.1' }));
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('at least 1.1.0');
    expect(refused.body.requiredBump).toBe('minor');
    // the refusal says what changed, so the author can see why a minor is needed
    expect(refused.body.changes.length).toBeGreaterThan(0);
    expect(refused.body.message).not.toMatch(/: no changes$/);
  });

  it('accepts a declared semver sent as metadata.properties.semver (Confluent-only clients)', async () => {
    await api('POST', subject('Meta'), register(orderPlacedV1));
    const created = await api('POST', subject('Meta'), register(orderPlacedV1_1, { metadata: { properties: { semver: '1.5.0' } } }));
    expect(created.body).toMatchObject({ version: 2, semver: '1.5.0' });
  });

  it('refuses a new major without an UPGRADE rule, and accepts it with a verified one', async () => {
    await api('POST', subject('Major'), register(orderPlacedV1));
    await api('POST', subject('Major'), register(orderPlacedV1_1));
    const refused = await api('POST', subject('Major'), register(orderPlacedV2, { semver: '2.0.0' }));
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('UPGRADE migration rule');
    const created = await api('POST', subject('Major'), register(orderPlacedV2, { semver: '2.0.0', ruleSet: migrationRules }));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ version: 3, semver: '2.0.0' });
    expect((await api('GET', `${subject('Major')}/2.0.0`)).body.ruleSet).toEqual(migrationRules);
  });

  it('accepts a new major without a rule when the subject sets requireMigration: false', async () => {
    await api('PUT', '/config/semver.Optional', { requireMigration: false });
    await api('POST', subject('Optional'), register(orderPlacedV1));
    const created = await api('POST', subject('Optional'), register(orderPlacedV2, { semver: '2.0.0' }));
    expect(created.body).toMatchObject({ version: 2, semver: '2.0.0' });
  });

  it('upcasts a 1.0.0 event to 2.0.0 and downcasts a 2.0.0 event to 1.1.0 through the stored rules', async () => {
    const up = await api('POST', '/subjects/semver.Major/upcast', {
      event: { orderId: 'o1', customerId: 'c1', totalAmount: 50 },
      from: '1.0.0',
      to: '2.0.0',
    });
    expect(up.status).toBe(200);
    expect(up.body.event).toEqual({
      orderId: 'o1',
      customerId: 'c1',
      items: [{ productId: 'unknown', quantity: 1, unitPrice: 50 }],
      pricing: { subtotal: 50, tax: 0, discount: 0, total: 50 },
    });
    const down = await api('POST', '/subjects/semver.Major/upcast', {
      event: up.body.event,
      from: 3,
      to: '1.1.0',
    });
    expect(down.body.event).toEqual({ orderId: 'o1', customerId: 'c1', totalAmount: 50, discountAmount: 0 });
  });

  it('refuses an UPGRADE rule whose output is invalid under the new version, with the counterexample', async () => {
    await api('POST', subject('BadRule'), register(orderPlacedV1));
    const badRule = { migrationRules: [{ name: 'drops-items', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr: '{ "orderId": orderId }' }] };
    const refused = await api('POST', subject('BadRule'), register(orderPlacedV2, { semver: '2.0.0', ruleSet: badRule }));
    expect(refused.status).toBe(422);
    expect(refused.body.error_code).toBe(42210);
    expect(refused.body).toHaveProperty('input');
    expect(refused.body).toHaveProperty('output');
    expect((await api('GET', subject('BadRule'))).body).toEqual([1]);
  });

  it('verifies a new major’s UPGRADE rule on the example events stored with the version before it', async () => {
    const v1 = { type: 'object', properties: { code: { type: 'string' } }, required: ['code'], additionalProperties: false };
    const v2 = { ...v1, properties: { code: { type: 'string', not: { const: 'LEGACY-0042' } } } };
    const identity = { migrationRules: [{ name: 'keep', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr: '$' }] };
    // without stored examples, generated samples never hit the one value v2 refuses
    await api('POST', subject('NoExamples'), register(v1));
    expect((await api('POST', subject('NoExamples'), register(v2, { semver: '2.0.0', ruleSet: identity }))).status).toBe(200);
    await api('POST', subject('WithExamples'), register(v1, { examples: [{ code: 'LEGACY-0042' }] }));
    const refused = await api('POST', subject('WithExamples'), register(v2, { semver: '2.0.0', ruleSet: identity }));
    expect(refused.status).toBe(422);
    expect(refused.body.error_code).toBe(42210);
    expect(JSON.stringify(refused.body.input)).toContain('LEGACY-0042');
  });

  it('reports the semver a compatible schema would get from the compatibility endpoint', async () => {
    await api('POST', subject('Check'), register(orderPlacedV1));
    const answer = await api('POST', '/compatibility/subjects/semver.Check/versions?verbose=true', register(orderPlacedV1_1));
    expect(answer.body).toMatchObject({ is_compatible: true, semver: '1.1.0', messages: [] });
    const breaking = await api('POST', '/compatibility/subjects/semver.Check/versions/latest?verbose=true', register(orderPlacedV2));
    expect(breaking.body.is_compatible).toBe(false);
    expect(breaking.body.messages.length).toBeGreaterThan(0);
    expect(breaking.body.counterexample).toBeDefined();
  });
});
