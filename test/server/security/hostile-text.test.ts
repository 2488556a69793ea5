import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../support/databases.js';
import { rawRequest } from '../../support/raw-request.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { storeState } from '../resilience/store-state.js';

const ok = JSON.stringify({ type: 'string' });
const rule = (extra: Record<string, unknown>) => ({ name: 'r', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr: '$', ...extra });

/** Every place a client's text reaches the store, with `bad` put there. */
const bodies = (bad: string): Array<[string, string, string, unknown]> => [
  ['a metadata property value', 'POST', '/subjects/text.New/versions', { schema: ok, metadata: { properties: { owner: `a${bad}b` } } }],
  ['a metadata property name', 'POST', '/subjects/text.New/versions', { schema: ok, metadata: { properties: { [`k${bad}`]: 'v' } } }],
  ['a metadata tag', 'POST', '/subjects/text.New/versions', { schema: ok, metadata: { tags: { [`/a${bad}`]: ['PII'] } } }],
  ['an example', 'POST', '/subjects/text.New/versions', { schema: ok, examples: [`x${bad}`] }],
  ['a reference name', 'POST', '/subjects/text.New/versions', { schema: ok, references: [{ name: `r${bad}.json`, subject: 'text.Existing', version: 1 }] }],
  ['a rule name', 'POST', '/subjects/text.New/versions', { schema: ok, ruleSet: { migrationRules: [rule({ name: `r${bad}` })] } }],
  ['a rule parameter', 'POST', '/subjects/text.New/versions', { schema: ok, ruleSet: { domainRules: [{ name: 'd', kind: 'CONDITION', type: 'CEL', mode: 'WRITE', expr: 'true', params: { p: bad } }] } }],
  // Raw in the schema's text (an escape inside it is plain ASCII and stores fine).
  ['the schema text itself', 'POST', '/subjects/text.New/versions', { schema: `{"type":"string","description":"d${bad}"}` }],
  ['compatibilityGroup', 'PUT', '/config/text.Existing', { compatibilityGroup: `major${bad}` }],
  ['global defaultMetadata', 'PUT', '/config', { defaultMetadata: { properties: { owner: bad } } }],
  ['a consumer declaration', 'PUT', '/consumers/text-group', { [`text.Existing${bad}`]: '^1.0.0' }],
  ['a lookup body', 'POST', '/subjects/text.Existing', { schema: ok, metadata: { properties: { a: bad } } }],
];

describe.each(testBackends)('NUL and lone surrogates never reach the store, on $name', (backend) => {
  let registry: TestRegistry;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    registry = await startRegistry({ store: created.store });
    expect((await call(registry.url, 'POST', '/subjects/text.Existing/versions', { schema: ok })).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await registry.close();
    await drop();
  });

  for (const [what, bad] of [['NUL', '\u0000'], ['a lone high surrogate', '\ud800'], ['a lone low surrogate', '\udc00']] as const) {
    it.each(bodies(bad))(`${what} in %s → 400 with a message, and nothing changes`, async (_where, method, path, body) => {
      const before = await storeState(registry.url);
      const response = await call(registry.url, method, path, body);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body).toEqual({ error_code: 400, message: expect.stringMatching(/NUL character \(U\+0000\) or an unpaired surrogate/) });
      expect(await storeState(registry.url)).toEqual(before);
    });
  }

  it.each([
    ['/subjects?subjectPrefix=%00'],
    ['/subjects?subjectPrefix=a%00b&deleted=true'],
    ['/audit?subject=text%00'],
    ['/audit?principal=%00'],
    ['/audit?action=x%00y'],
    ['/schemas/ids/1/versions?subject=%00'],
  ])('a NUL in the query of GET %s → 400', async (path) => {
    const response = await call(registry.url, 'GET', path);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/^Query parameter '.*' holds a NUL character/);
  });

  it('never answers 5xx for percent-encoded bytes that are not UTF-8 in a query', async () => {
    for (const path of ['/audit?subject=%ED%A0%80', '/subjects?subjectPrefix=%ED%A0%80', '/audit?principal=%C0%80', '/subjects?subjectPrefix=%FF']) {
      const response = await rawRequest(registry.url, { method: 'GET', path });
      expect(response.status, path).toBeLessThan(500);
    }
  });

  it('still validates events holding NUL and lone surrogates: they are read, never stored', async () => {
    const response = await call(registry.url, 'POST', '/subjects/text.Existing/versions/1/validate', { event: 'a\u0000\ud800' });
    expect(response.status).toBe(200);
    expect(response.body.valid).toBe(true);
  });
});
