import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';

/**
 * Hostile migration rules through HTTP: each one is refused promptly with a Confluent-style
 * 42210, while /healthz keeps answering (registration verifies on a worker; every built-in and
 * range runs under the rule's clock and size bounds).
 */
const v1 = {
  type: 'object',
  properties: { orderId: { type: 'string' }, note: { type: 'string' } },
  required: ['orderId'],
  additionalProperties: false,
};
const v2 = { ...v1, title: 'v2' };
const rule = (expr: string) => ({ migrationRules: [{ name: 'hostile', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr }] });
const examples = [{ orderId: 'o1', note: 'n' }];

/** The rule's result is kept valid under v2 whatever it computes, so only a bound can refuse it. */
const keep = (work: string) => `(${work}; {"orderId": orderId})`;

const hostileRules: Array<[string, string]> = [
  ['$distinct over [1..500000]', keep('$distinct([1..500000])')],
  ['$distinct over 500,000 objects', keep('$distinct([1..500000].{"a": $})')],
  ['$split of a 1 MB string', keep('$split($pad("", 1000000, "x"), "")')],
  ['$reduce over [1..500000] appending', keep('$reduce([1..500000], function($a, $b){ $append($a, $b) }, [])')],
  ['$reduce over [1..500000] summing', keep('$reduce([1..500000], function($a, $b){ $a + $b })')],
  ['a range of 500,000 summed', keep('$sum([1..500000])')],
  ['$map over 500,000 items', keep('$map([1..500000], function($v){ $v * 2 })')],
  ['$filter over 500,000 items', keep('$filter([1..500000], function($v){ $v % 7 = 0 })')],
  ['$sort of 500,000 numbers', keep('$sort([1..500000])')],
  ['$sort with a comparator', keep('$sort([1..200000], function($a, $b){ $a < $b })')],
  ['an order-by over 500,000 items', keep('[1..500000]^($)')],
  ['$join of 200,000 strings', keep('$join($map([1..200000], function($v){ $string($v) }), ",")')],
  ['$replace over a 1 MB string', keep('$replace($pad("", 1000000, "x"), "x", "yz")')],
  ['$uppercase of a padded 2 MB string', keep('$uppercase($pad("", 2000000, "ab"))')],
  ['$string of a 500,000-item list', keep('$string([1..500000])')],
];

let registry: TestRegistry;
const api = (method: string, path: string, body?: unknown) => call(registry.url, method, path, body);

/** Probes /healthz every 20 ms while `work` runs; returns the slowest probe (ms). */
async function whileProbing<T>(work: () => Promise<T>): Promise<{ result: T; slowestProbe: number; probes: number }> {
  let slowest = 0;
  let probes = 0;
  let running = true;
  const probing = (async () => {
    while (running) {
      const started = performance.now();
      const health = await fetch(`${registry.url}/healthz`);
      expect(health.status).toBe(200);
      await health.arrayBuffer();
      slowest = Math.max(slowest, performance.now() - started);
      probes++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    const result = await work();
    return { result, slowestProbe: slowest, probes };
  } finally {
    running = false;
    await probing;
  }
}

beforeAll(async () => {
  registry = await startRegistry();
  // Boot the verification worker with an ordinary rule first: the bound is on verifying, and a
  // worker started from TypeScript sources on a loaded machine can take seconds to boot.
  const warm = '/subjects/bounds.warm-up/versions';
  await api('POST', warm, { schema: JSON.stringify(v1), examples });
  await api('POST', warm, { schema: JSON.stringify(v2), ruleSet: rule('$'), examples });
});
afterAll(async () => {
  await registry?.close();
});

describe('hostile migration rules at registration', () => {
  it.each(hostileRules)('refuses a rule doing %s with 42210 promptly, /healthz answering meanwhile', async (what, expr) => {
    const subject = `/subjects/bounds.${what.replace(/[^A-Za-z0-9]+/g, '_')}/versions`;
    expect((await api('POST', subject, { schema: JSON.stringify(v1), examples })).status).toBe(200);
    const started = performance.now();
    const { result, slowestProbe, probes } = await whileProbing(() => api('POST', subject, { schema: JSON.stringify(v2), ruleSet: rule(expr), examples }));
    const elapsed = performance.now() - started;
    console.log(`${what}: ${Math.round(elapsed)} ms, ${probes} probes, slowest ${Math.round(slowestProbe)} ms — ${result.body.message}`);
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ error_code: 42210, message: expect.stringContaining('hostile'), failure: expect.stringMatching(/timeout|output-size/) });
    // Before the bounds: 6–11 s per request with /healthz stalled throughout.
    expect(elapsed).toBeLessThan(4000);
    expect(slowestProbe).toBeLessThan(500);
    expect((await api('GET', `${subject}/latest`)).body.version).toBe(1);
  });

  it('still accepts an ordinary rule, and reports its executor and sample counts', async () => {
    const subject = '/subjects/bounds.Ordinary/versions';
    await api('POST', subject, { schema: JSON.stringify(v1), examples });
    const created = await api('POST', subject, { schema: JSON.stringify(v2), ruleSet: rule('{"orderId": orderId, "note": $uppercase(note)}'), examples });
    expect(created.status).toBe(200);
    expect(created.body.migrationRules).toEqual([
      { rule: 'hostile', direction: 'UPGRADE', executor: 'compiled', samples: { examples: 1, generated: expect.any(Number) } },
    ]);
    expect(created.body.migrationRules[0].samples.generated).toBeGreaterThan(0);
  });
});

describe('a hostile event at /upcast', () => {
  it('stops a rule that outruns its 50 ms bound on a large event with 42210, /healthz answering meanwhile', async () => {
    const subject = '/subjects/bounds.Upcast';
    await api('POST', `${subject}/versions`, { schema: JSON.stringify(v1), examples });
    // Fine on the small samples it is verified on; quadratic in the length of `note`.
    const expr = '{"orderId": orderId, "note": $string($count($reduce($split(note, ""), function($a, $b){ $append($a, $b) }, [])))}';
    expect((await api('POST', `${subject}/versions`, { schema: JSON.stringify(v2), ruleSet: rule(expr), examples })).status).toBe(200);
    const event = { orderId: 'o1', note: 'x'.repeat(400_000) };
    const started = performance.now();
    const { result, slowestProbe } = await whileProbing(() => api('POST', `${subject}/upcast`, { event, from: 1, to: 2 }));
    const elapsed = performance.now() - started;
    console.log(`upcast: ${Math.round(elapsed)} ms, slowest probe ${Math.round(slowestProbe)} ms — ${result.body.message}`);
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ error_code: 42210, failure: 'timeout', rule: 'hostile' });
    expect(elapsed).toBeLessThan(2000);
    expect(slowestProbe).toBeLessThan(500);
    // The same rule on an ordinary event still works.
    const ok = await api('POST', `${subject}/upcast`, { event: { orderId: 'o2', note: 'abc' }, from: 1, to: 2 });
    expect(ok).toMatchObject({ status: 200, body: { event: { orderId: 'o2', note: '3' } } });
  });
});

describe('verification at registration is never vacuous', () => {
  it('refuses a rule with zero samples to verify on (42210, "add examples"), and accepts it once examples are given', async () => {
    const subject = '/subjects/bounds.NoSamples/versions';
    const coded = { type: 'object', properties: { code: { type: 'string', pattern: '^\\p{Lu}{3}$' } }, required: ['code'], additionalProperties: false };
    const asNumber = { type: 'object', properties: { code: { type: 'integer' } }, required: ['code'], additionalProperties: false };
    expect((await api('POST', subject, { schema: JSON.stringify(coded) })).status).toBe(200);
    const toNumber = { migrationRules: [{ name: 'toNumber', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr: '{"code": $length(code)}' }] };
    const body = { schema: JSON.stringify(asNumber), ruleSet: toNumber, semver: '2.0.0' };
    const refused = await api('POST', subject, body);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error_code: 42210, samples: { examples: 0, generated: 0 } });
    expect(refused.body.message).toMatch(/add examples to verify this rule/);
    expect((await api('GET', `${subject}/latest`)).body.version).toBe(1);

    const withExamples = '/subjects/bounds.WithExamples/versions';
    expect((await api('POST', withExamples, { schema: JSON.stringify(coded), examples: [{ code: 'ABC' }] })).status).toBe(200);
    const accepted = await api('POST', withExamples, body);
    expect(accepted.status).toBe(200);
    expect(accepted.body.migrationRules).toEqual([{ rule: 'toNumber', direction: 'UPGRADE', executor: 'compiled', samples: { examples: 1, generated: 0 } }]);
  });
});
