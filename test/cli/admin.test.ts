import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCharter } from '../support/cli.js';
import { call, startRegistry, type TestRegistry } from '../support/registry.js';

const closed = (props: Record<string, unknown>) => JSON.stringify({ type: 'object', properties: props, additionalProperties: false });

describe('charter subjects, config, mode and consumers: everyday registry work without curl', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
    for (const subject of ['order.OrderPlaced', 'order.OrderShipped', 'payment.PaymentProcessed']) {
      const registered = await call(registry.url, 'POST', `/subjects/${subject}/versions`, { schema: closed({ id: { type: 'string' } }) });
      expect(registered.status).toBe(200);
    }
    await call(registry.url, 'POST', '/subjects/order.OrderPlaced/versions', { schema: closed({ id: { type: 'string' }, note: { type: 'string' } }) });
  });
  afterAll(() => registry.close());

  it('prints its version', async () => {
    const run = await runCharter(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^charter \d+\.\d+\.\d+\n$/);
  });

  it('reads the registry URL from CHARTER_REGISTRY when --registry is not given', async () => {
    const run = await runCharter(['subjects', 'list', '--prefix', 'order.'], { CHARTER_REGISTRY: registry.url });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.trim().split('\n')).toEqual(['order.OrderPlaced', 'order.OrderShipped']);
  });

  it('says which flag or variable is missing when no registry is named', async () => {
    const run = await runCharter(['subjects', 'list'], { CHARTER_REGISTRY: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--registry is required (or set CHARTER_REGISTRY)');
  });

  it('shows a subject with its versions, semvers, config, mode and readers', async () => {
    const run = await runCharter(['subjects', 'show', 'order.OrderPlaced', '--json', '--registry', registry.url]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      subject: 'order.OrderPlaced',
      versions: [
        { version: 1, semver: '1.0.0', id: expect.any(Number) },
        { version: 2, semver: '1.1.0', id: expect.any(Number) },
      ],
      config: null,
      mode: null,
      readers: [],
    });
    const text = await runCharter(['subjects', 'show', 'order.OrderPlaced', '--registry', registry.url]);
    expect(text.stdout).toMatch(/version\s+semver\s+id\n1\s+1\.0\.0\s+\d+\n2\s+1\.1\.0\s+\d+/);
    expect(text.stdout).toContain('config: follows the global config');
  });

  it('sets and reads config, typed values included, and the API sees the change', async () => {
    const set = await runCharter(['config', 'set', 'order.OrderShipped', 'compatibility=FULL', 'requireMigration=false', '--registry', registry.url]);
    expect(set.code).toBe(0);
    const api = await call(registry.url, 'GET', '/config/order.OrderShipped');
    expect(api.body).toMatchObject({ compatibilityLevel: 'FULL', requireMigration: false });
    const get = await runCharter(['config', 'get', 'order.OrderShipped', '--registry', registry.url]);
    expect(JSON.parse(get.stdout)).toMatchObject({ compatibilityLevel: 'FULL', requireMigration: false });
  });

  it('passes the registry refusal of a bad setting through as a one-line error and exit 2', async () => {
    const run = await runCharter(['config', 'set', 'compatibility=SIDEWAYS', '--registry', registry.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^charter config: .*SIDEWAYS|^charter config: .*compatibility/);
    expect((await call(registry.url, 'GET', '/config')).body.compatibilityLevel).toBe('BACKWARD');
  });

  it('sets a subject mode and refuses an unknown one before calling the registry', async () => {
    expect((await runCharter(['mode', 'set', 'payment.PaymentProcessed', 'READONLY', '--registry', registry.url])).code).toBe(0);
    expect((await call(registry.url, 'GET', '/mode/payment.PaymentProcessed')).body).toEqual({ mode: 'READONLY' });
    const get = await runCharter(['mode', 'get', 'payment.PaymentProcessed', '--registry', registry.url]);
    expect(JSON.parse(get.stdout)).toEqual({ mode: 'READONLY' });
    const bad = await runCharter(['mode', 'set', 'SOMETIMES', '--registry', registry.url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('name the mode last');
  });

  it('declares, lists and removes a consumer group', async () => {
    const declared = await runCharter(['consumers', 'declare', 'billing', 'order.OrderPlaced=^1.0.0', '--registry', registry.url]);
    expect(declared).toMatchObject({ code: 0, stdout: 'Consumer group billing reads order.OrderPlaced ^1.0.0\n' });
    const list = await runCharter(['consumers', 'list', '--json', '--registry', registry.url]);
    expect(JSON.parse(list.stdout)).toEqual([{ group: 'billing', subjects: { 'order.OrderPlaced': '^1.0.0' } }]);
    const show = await runCharter(['subjects', 'show', 'order.OrderPlaced', '--registry', registry.url]);
    expect(show.stdout).toContain('readers: billing (^1.0.0)');
    expect((await runCharter(['consumers', 'remove', 'billing', '--registry', registry.url])).code).toBe(0);
    expect((await call(registry.url, 'GET', '/consumers')).body).toEqual([]);
    const malformed = await runCharter(['consumers', 'declare', 'billing', 'order.OrderPlaced', '--registry', registry.url]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("'order.OrderPlaced' is not SUBJECT=RANGE");
  });

  it('soft-deletes and then permanently deletes a subject', async () => {
    const soft = await runCharter(['subjects', 'delete', 'order.OrderShipped', '--registry', registry.url]);
    expect(soft).toMatchObject({ code: 0, stdout: 'Deleted version(s) 1 of order.OrderShipped\n' });
    const listed = await runCharter(['subjects', 'list', '--deleted', '--registry', registry.url]);
    expect(listed.stdout).toContain('order.OrderShipped');
    const hard = await runCharter(['subjects', 'delete', 'order.OrderShipped', '--permanent', '--registry', registry.url]);
    expect(hard.code).toBe(0);
    expect((await call(registry.url, 'GET', '/subjects?deleted=true')).body).not.toContain('order.OrderShipped');
  });

  it('names an unknown action and the ones it knows', async () => {
    const run = await runCharter(['subjects', 'rename', '--registry', registry.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown action 'subjects rename' (known: list, show, delete)");
  });
});
