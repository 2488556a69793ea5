import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { migrationRules, orderPlacedV1, orderPlacedV1_1, orderPlacedV2, register } from '../../support/schemas.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

const api = (method: string, path: string, body?: unknown) => call(registry.url, method, path, body);
const versions = (name: string) => `/subjects/dry.${name}/versions`;
const semvers = async (name: string) => {
  const found = await api('GET', `/subjects/dry.${name}/semvers`);
  return found.status === 404 ? [] : (found.body as Array<{ semver: string }>).map((v) => v.semver);
};

describe('POST /subjects/{s}/versions?dryRun=true', () => {
  it('answers what registration would (version, semver) and writes nothing', async () => {
    await api('POST', versions('Answer'), register(orderPlacedV1));
    const dry = await api('POST', `${versions('Answer')}?dryRun=true`, register(orderPlacedV1_1));
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ version: 2, semver: '1.1.0', created: true, dryRun: true });
    expect(await semvers('Answer')).toEqual(['1.0.0']);
    const real = await api('POST', versions('Answer'), register(orderPlacedV1_1));
    expect(real.body).toMatchObject({ version: 2, semver: '1.1.0' });
  });

  it('refuses exactly as registration does, with the policy rule named, and writes nothing', async () => {
    for (const [schema, extra] of [[orderPlacedV1, {}], [orderPlacedV1_1, {}], [orderPlacedV2, { semver: '2.0.0', ruleSet: migrationRules }]] as const) {
      expect((await api('POST', versions('Refuse'), register(schema, extra))).status).toBe(200);
    }
    const cases = [
      [register({ ...orderPlacedV1, description: 'a back-patch' }, { semver: '1.0.1' }), 42211, 'semver-order'],
      [register(orderPlacedV2, { semver: '3.0.0' }), 42211, 'identical-schema'],
      [register({ ...orderPlacedV2, required: [...(orderPlacedV2 as { required: string[] }).required, 'extra'] }, { semver: '2.1.0' }), 409, 'compatible-within-major'],
    ] as const;
    for (const [body, code, rule] of cases) {
      const dry = await api('POST', `${versions('Refuse')}?dryRun=true`, body);
      const real = await api('POST', versions('Refuse'), body);
      expect(dry.body.error_code).toBe(code);
      expect(dry.body.policyRule).toBe(rule);
      expect(dry.body).toEqual(real.body);
    }
    expect(await semvers('Refuse')).toEqual(['1.0.0', '1.1.0', '2.0.0']);
  });

  it('refuses a subject named Bad%Name with 42208 before looking at the schema', async () => {
    const dry = await api('POST', `/subjects/Bad%25Name/versions?dryRun=true`, register(orderPlacedV1));
    expect(dry.status).toBe(422);
    expect(dry.body).toMatchObject({ error_code: 42208, policyRule: 'subject-name' });
  });
});

describe('POST /subjects/{s}/versions/batch', () => {
  const chain = [register(orderPlacedV1, { semver: '1.0.0' }), register(orderPlacedV1_1, { semver: '1.1.0' }), register(orderPlacedV2, { semver: '2.0.0', ruleSet: migrationRules })];

  it('dry-runs a chain of versions, each against the subject as the earlier ones leave it', async () => {
    const dry = await api('POST', `${versions('Chain')}/batch?dryRun=true`, { versions: chain });
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.results.map((r: { version: number; semver: string }) => [r.version, r.semver])).toEqual([[1, '1.0.0'], [2, '1.1.0'], [3, '2.0.0']]);
    expect(await semvers('Chain')).toEqual([]);
  });

  it('registers the whole chain and the subject config in one go', async () => {
    const written = await api('POST', `${versions('Write')}/batch`, { versions: chain, config: { compatibility: 'BACKWARD_TRANSITIVE' } });
    expect(written.status).toBe(200);
    expect(written.body.results.every((r: { id?: number; created: boolean }) => typeof r.id === 'number' && r.created)).toBe(true);
    expect(await semvers('Write')).toEqual(['1.0.0', '1.1.0', '2.0.0']);
    expect((await api('GET', '/config/dry.Write')).body.compatibilityLevel).toBe('BACKWARD_TRANSITIVE');
  });

  it('writes nothing, not even the config, when a later version is refused, and names it (failedAt)', async () => {
    const broken = [...chain.slice(0, 2), register(orderPlacedV2, { semver: '2.0.0' })]; // no upgrade rule
    for (const dryRun of [true, false]) {
      const refused = await api('POST', `${versions('AllOrNothing')}/batch${dryRun ? '?dryRun=true' : ''}`, { versions: broken, config: { compatibility: 'BACKWARD_TRANSITIVE' } });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ policyRule: 'new-major-has-upgrade-rule', failedAt: { index: 2, semver: '2.0.0' } });
    }
    expect(await semvers('AllOrNothing')).toEqual([]);
    expect((await api('GET', '/config/dry.AllOrNothing')).status).toBe(404);
  });

  it('dry-runs a rule that fails only on generated samples as a refusal, as registration would', async () => {
    // The examples sent all carry "note"; a generated v1 event without it makes the rule's output invalid.
    const v1 = { type: 'object', properties: { id: { type: 'string' }, note: { type: 'string' } }, required: ['id'] };
    const v2 = { type: 'object', properties: { id: { type: 'string' }, note: { type: 'string' } }, required: ['id', 'note'], additionalProperties: false };
    const rule = { migrationRules: [{ name: 'up', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr: '{ "id": id, "note": note }' }] };
    const body = { versions: [register(v1, { semver: '1.0.0', examples: [{ id: 'a', note: 'n' }] }), register(v2, { semver: '2.0.0', ruleSet: rule })] };
    const dry = await api('POST', `${versions('Generated')}/batch?dryRun=true`, body);
    const real = await api('POST', `${versions('Generated')}/batch`, body);
    expect(dry.body.error_code).toBe(42210);
    expect(dry.body.failedAt).toEqual({ index: 1, semver: '2.0.0' });
    expect(real.body).toEqual(dry.body);
    expect(await semvers('Generated')).toEqual([]);
  });

  it('refuses a malformed batch naming the version at fault, writing nothing', async () => {
    expect((await api('POST', `${versions('Bad')}/batch`, { versions: [] })).body).toMatchObject({ error_code: 400 });
    const bad = await api('POST', `${versions('Bad')}/batch`, { versions: [{ schema: orderPlacedV1 }, { nope: 1 }] });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/^versions\[1\]: /);
    expect(await semvers('Bad')).toEqual([]);
  });
});
