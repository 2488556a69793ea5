import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { contractsDir, seedContracts } from '../../support/seed-contracts.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
  await seedContracts(registry.url);
}, 180_000);
afterAll(() => registry.close());

const api = (method: string, path: string, body?: unknown) => call(registry.url, method, path, body);
const S = '/subjects/order.OrderPlaced';

/** The contract files themselves, judged by an ajv of the test's own: the oracle for counterexamples. */
async function validatorOf(semver: string) {
  const schema = JSON.parse(await readFile(join(contractsDir, 'order.OrderPlaced', `${semver}.schema.json`), 'utf8'));
  return new Ajv2020.default({ strict: false }).compile(schema);
}

describe('GET /subjects/{s}/diff', () => {
  it('lists the changes from 1.1.0 to 2.0.0, judged under BACKWARD, with a counterexample per breaking direction and a major bump', async () => {
    const { status, body } = await api('GET', `${S}/diff?from=1.1.0&to=2.0.0`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: { semver: '1.1.0', version: 2 }, to: { semver: '2.0.0', version: 3 }, level: 'BACKWARD', compatible: false, requiredBump: 'major' });
    const removed = body.changes.find((c: any) => c.path === '/properties/totalAmount');
    expect(removed).toMatchObject({ kind: 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', breaksBackward: true, breaksLevel: true });
    const added = body.changes.find((c: any) => c.path === '/properties/items');
    // Breaks forward only, so it does not break a BACKWARD subject.
    expect(added).toMatchObject({ breaksForward: true, breaksBackward: false, breaksLevel: false });

    expect(body.counterexamples.map((c: any) => c.direction).sort()).toEqual(['backward', 'forward']);
    const [v11, v2] = [await validatorOf('1.1.0'), await validatorOf('2.0.0')];
    const backward = body.counterexamples.find((c: any) => c.direction === 'backward');
    expect(backward).toMatchObject({ writer: '1.1.0', reader: '2.0.0' });
    expect([v11(backward.event), v2(backward.event)]).toEqual([true, false]);
    const forward = body.counterexamples.find((c: any) => c.direction === 'forward');
    expect(forward).toMatchObject({ writer: '2.0.0', reader: '1.1.0' });
    expect([v2(forward.event), v11(forward.event)]).toEqual([true, false]);

    // The same diff without the (slow on wide schemas) counterexample search.
    const quick = await api('GET', `${S}/diff?from=1.1.0&to=2.0.0&counterexamples=false`);
    expect(quick.body).toEqual({ ...body, counterexamples: [] });
  });

  it('calls 1.0.0 to 1.1.0 compatible under BACKWARD, a minor bump, with no backward counterexample', async () => {
    const { body } = await api('GET', `${S}/diff?from=1.0.0&to=1.1.0`);
    expect(body).toMatchObject({ compatible: true, backward: true, requiredBump: 'minor' });
    expect(body.changes.some((c: any) => c.breaksLevel)).toBe(false);
    expect(body.counterexamples.filter((c: any) => c.direction === 'backward')).toEqual([]);
  });

  it('accepts version numbers and latest as well as semvers', async () => {
    const { body } = await api('GET', `${S}/diff?from=2&to=latest`);
    // latest is 2.1.0: 2.0.0's shape on the shared common.Money.
    expect(body).toMatchObject({ from: { semver: '1.1.0' }, to: { semver: '2.1.0' }, compatible: false });
  });

  it('answers a missing end, an unknown version and an unknown subject with Confluent error bodies', async () => {
    const missing = await api('GET', `${S}/diff?from=1.0.0`);
    expect(missing.status).toBe(400);
    expect(missing.body.error_code).toBe(400);
    expect(missing.body.message).toContain('to');
    const unknown = await api('GET', `${S}/diff?from=1.0.0&to=9.0.0`);
    expect([unknown.status, unknown.body.error_code]).toEqual([404, 40402]);
    const badVersion = await api('GET', `${S}/diff?from=abc&to=1.0.0`);
    expect([badVersion.status, badVersion.body.error_code]).toEqual([422, 42202]);
    const noSubject = await api('GET', '/subjects/nobody.Here/diff?from=1&to=2');
    expect([noSubject.status, noSubject.body.error_code]).toEqual([404, 40401]);
  });
});

describe('POST /subjects/{s}/upcast/trace', () => {
  const event = { orderId: 'order_1', customerId: 'cust_1', totalAmount: 42 };

  it('shows every hop from 1.0.0 to 2.0.0 with its output, valid under each hop target', async () => {
    const { status, body } = await api('POST', `${S}/upcast/trace`, { event, from: '1.0.0', to: '2.0.0' });
    expect(status).toBe(200);
    expect(body.outcome).toBe('migrated');
    expect(body.hops.map((h: any) => [h.from, h.to, h.valid])).toEqual([
      ['1.0.0', '1.1.0', true],
      ['1.1.0', '2.0.0', true],
    ]);
    expect(body.hops[0].rule).toBeUndefined();
    expect(body.hops[1].rule).toBeTruthy();
    expect(body.event).toMatchObject({ orderId: 'order_1', currency: 'USD', pricing: { total: 42 } });
    expect((await validatorOf('2.0.0'))(body.event)).toBe(true);
  });

  it('stops at the input when the event is not valid under the source version, with ajv errors', async () => {
    const { status, body } = await api('POST', `${S}/upcast/trace`, { event: { orderId: 'x' }, from: '1.0.0', to: '2.0.0' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: 'invalid-input', input: { valid: false }, hops: [] });
    expect(body.input.errors[0].keyword).toBe('required');
  });

  it('runs downgrades too, and refuses a body without an event with 400', async () => {
    const v2 = (await api('POST', `${S}/upcast/trace`, { event, from: '1.0.0', to: '2.0.0' })).body.event;
    const down = await api('POST', `${S}/upcast/trace`, { event: v2, from: '2.0.0', to: '1.1.0' });
    expect(down.body).toMatchObject({ outcome: 'migrated', event: { orderId: 'order_1', totalAmount: 42, currency: 'USD' } });
    const bad = await api('POST', `${S}/upcast/trace`, { from: '1.0.0', to: '2.0.0' });
    expect([bad.status, bad.body.error_code]).toEqual([400, 400]);
  });
});

describe('GET /subjects/{s}/readability', () => {
  it('says, per version, whether each group reads it directly, through a migration, or not at all', async () => {
    await api('PUT', '/consumers/billing', { 'order.OrderPlaced': '^2.0.0' });
    await api('PUT', '/consumers/legacy-reports', { 'order.OrderPlaced': '^1.0.0' });
    await api('PUT', '/consumers/future', { 'order.OrderPlaced': '^3.0.0' });
    const { status, body } = await api('GET', `${S}/readability`);
    expect(status).toBe(200);
    expect(body.versions).toEqual(['1.0.0', '1.1.0', '2.0.0', '2.1.0']);
    const access = (group: string) => body.groups.find((g: any) => g.group === group).versions.map((v: any) => v.access);
    expect(access('billing')).toEqual(['migration', 'migration', 'direct', 'direct']);
    // 2.x events reach 1.x readers through the DOWNGRADE rule.
    expect(access('legacy-reports')).toEqual(['direct', 'direct', 'migration', 'migration']);
    expect(access('future')).toEqual(['none', 'none', 'none', 'none']);
    expect(body.groups.find((g: any) => g.group === 'billing').target).toBe('2.1.0');
  });
});

describe('GET /subjects/{s}/history and examples', () => {
  it('lists versions with semver, id, date, author and soft deletes', async () => {
    await api('POST', '/subjects/console.History/versions', { schema: JSON.stringify({ type: 'string' }) });
    await api('POST', '/subjects/console.History/versions', { schema: JSON.stringify({ type: 'string', description: 'd' }) });
    await api('DELETE', '/subjects/console.History/versions/1');
    const { body } = await api('GET', '/subjects/console.History/history');
    expect(body.map((v: any) => [v.version, v.semver, v.deleted, v.author])).toEqual([
      [1, '1.0.0', true, 'anonymous'],
      [2, '1.0.1', false, 'anonymous'],
    ]);
    expect(Number.isNaN(Date.parse(body[0].createdAt))).toBe(false);
  });

  it('answers the example events a version was registered with', async () => {
    const { body } = await api('GET', `${S}/versions/1.0.0/examples`);
    const file = JSON.parse(await readFile(join(contractsDir, 'order.OrderPlaced', '1.0.0.examples.json'), 'utf8'));
    expect(body).toEqual(file.valid);
  });
});

describe('GET /catalog', () => {
  it('lists every subject once, with counts, latest version, owner and effective level', async () => {
    await api('PUT', '/config/console.Owned', { compatibility: 'FULL' });
    await api('POST', '/subjects/console.Owned/versions', { schema: JSON.stringify({ type: 'integer' }), metadata: { properties: { owner: 'team-blue' } } });
    const { status, body } = await api('GET', '/catalog');
    expect(status).toBe(200);
    const subjects = (await api('GET', '/subjects')).body;
    expect(body.map((row: any) => row.subject)).toEqual(subjects);
    expect(body.find((row: any) => row.subject === 'order.OrderPlaced')).toMatchObject({
      versions: 4,
      deletedVersions: 0,
      latest: { version: 4, semver: '2.1.0' },
      compatibility: 'BACKWARD',
    });
    expect(body.find((row: any) => row.subject === 'console.Owned')).toMatchObject({ owner: 'team-blue', compatibility: 'FULL' });
  });
});

describe('GET /whoami and the browser entry', () => {
  it('says authentication is off and every action is open', async () => {
    const { body } = await api('GET', '/whoami?subject=order.OrderPlaced');
    expect(body).toMatchObject({ principal: 'anonymous', authentication: false, roles: [] });
    expect(Object.values(body.may).every((may) => may === true)).toBe(true);
    expect(body.may.register).toBe(true);
  });

  it('sends a browser asking / for HTML to the console, and keeps {} for API clients', async () => {
    const browser = await fetch(`${registry.url}/`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, redirect: 'manual' });
    expect([browser.status, browser.headers.get('location')]).toEqual([302, '/ui/']);
    const client = await api('GET', '/');
    expect([client.status, client.body]).toEqual([200, {}]);
  });
});
