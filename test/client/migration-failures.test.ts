import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCodec, RegistryClient } from '../../client/index.js';
import { MigrationError } from '../../core/migrate/index.js';
import { startRegistry } from '../support/registry.js';

/**
 * SDK decode names why a migration failed and keeps the cause: a rule that outruns its time bound
 * on one event, a rule that fails on one event, and no path at all are three different things to
 * a consumer (retry, dead-letter, redeploy).
 */
const S = 'failing.Note';
const v1 = {
  type: 'object',
  properties: { orderId: { type: 'string' }, note: { type: 'string' } },
  required: ['orderId', 'note'],
  additionalProperties: false,
};
const v2 = { ...v1, title: 'v2', properties: { ...v1.properties, size: { type: 'integer' } } };
/** Fine on short notes (the registry verified it so); quadratic in a long note; refuses notes over 5,000 characters. */
const expr = `(
  $length(note) > 5000 and $length(note) < 100000 ? $error("note too long for v2") : 0;
  {"orderId": orderId, "note": note, "size": $count($reduce($split(note, ""), function($a, $b){ $append($a, $b) }, []))}
)`;

let server: { url: string; close(): Promise<void> };
let codec: EventCodec;

beforeAll(async () => {
  server = await startRegistry();
  const registry = new RegistryClient({ url: server.url });
  await registry.register(S, { schema: v1, examples: [{ orderId: 'o1', note: 'abc' }] });
  const registered = await registry.register(S, {
    schema: v2,
    ruleSet: { migrationRules: [{ name: 'noteToV2', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr }] },
  });
  expect(registered.migrationRules?.[0]).toMatchObject({ rule: 'noteToV2', executor: 'compiled' });
  codec = new EventCodec({ registry, source: 'test' });
});
afterAll(() => server?.close());

const decodeV1 = async (note: string, accept = '^1.1.0') => codec.decode(await codec.encode(S, { orderId: 'o1', note }, { version: '1.0.0' }), { accept });

describe('decode failures of migrations carry their reason and cause', () => {
  it('migrates an ordinary event', async () => {
    expect(await decodeV1('hello')).toMatchObject({ ok: true, event: { data: { orderId: 'o1', note: 'hello', size: 5 } } });
  });

  it('rule-timeout: the rule ran past its 50 ms bound on this event', async () => {
    const result = await decodeV1('x'.repeat(300_000));
    expect(result).toMatchObject({ ok: false, reason: 'rule-timeout', writer: { version: '1.0.0' } });
    if (result.ok) return;
    expect(result.cause).toBeInstanceOf(MigrationError);
    expect(result.cause).toMatchObject({ failure: 'timeout', rule: 'noteToV2', hop: '1.0.0 -> 1.1.0' });
    expect(result.message).toMatch(/longer than 50 ms/);
  });

  it('rule-error: the rule failed on this event, with JSONata’s error kept under the cause', async () => {
    const result = await decodeV1('y'.repeat(6000));
    expect(result).toMatchObject({ ok: false, reason: 'rule-error' });
    if (result.ok) return;
    expect(result.cause).toMatchObject({ failure: 'evaluation', rule: 'noteToV2', jsonataCode: 'D3137' });
    expect(((result.cause as MigrationError).cause as { message?: string }).message).toMatch(/note too long/);
    expect(result.message).toMatch(/note too long for v2/);
  });

  it('no-migration-path: no version satisfies the range', async () => {
    const result = await decodeV1('z', '^3.0.0');
    expect(result).toMatchObject({ ok: false, reason: 'no-migration-path' });
  });
});
