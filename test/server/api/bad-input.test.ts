import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { orderPlacedV1, register } from '../../support/schemas.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry({ bodyLimit: 64 * 1024 });
  await call(registry.url, 'POST', '/subjects/bad.Existing/versions', register(orderPlacedV1));
});
afterAll(() => registry.close());

interface BadCase {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  status: number;
  errorCode: number;
  message?: string | RegExp;
}

const valid = register({ type: 'string' });
const cases: BadCase[] = [
  { name: 'malformed JSON', method: 'POST', path: '/subjects/bad.A/versions', body: '{"schema": ', status: 400, errorCode: 400, message: 'Malformed JSON' },
  { name: 'a body that is an array', method: 'POST', path: '/subjects/bad.A/versions', body: '[1,2]', status: 400, errorCode: 400, message: 'must be a JSON object' },
  { name: 'a body that is a string', method: 'POST', path: '/subjects/bad.A/versions', body: '"schema"', status: 400, errorCode: 400 },
  { name: 'no schema field', method: 'POST', path: '/subjects/bad.A/versions', body: { schemaType: 'JSON' }, status: 422, errorCode: 42201, message: 'no "schema" field' },
  { name: 'a schema that is not JSON', method: 'POST', path: '/subjects/bad.A/versions', body: { schema: '{nope' }, status: 422, errorCode: 42201, message: 'not valid JSON' },
  { name: 'a schema that is a number', method: 'POST', path: '/subjects/bad.A/versions', body: { schema: '42' }, status: 422, errorCode: 42201, message: 'object or a boolean' },
  { name: 'invalid JSON Schema (ajv message)', method: 'POST', path: '/subjects/bad.A/versions', body: register({ type: 'strin' }), status: 422, errorCode: 42201, message: /schema\/type must be equal to one of the allowed values|must be equal to one of the allowed values/ },
  { name: 'minLength of the wrong type', method: 'POST', path: '/subjects/bad.A/versions', body: register({ type: 'string', minLength: 'x' }), status: 422, errorCode: 42201, message: 'minLength' },
  { name: 'an invalid regex pattern', method: 'POST', path: '/subjects/bad.A/versions', body: register({ type: 'string', pattern: '([' }), status: 422, errorCode: 42201 },
  { name: 'schemaType AVRO', method: 'POST', path: '/subjects/bad.A/versions', body: { schema: '{"type":"record"}', schemaType: 'AVRO' }, status: 422, errorCode: 42201, message: 'only JSON is supported' },
  { name: 'schemaType PROTOBUF', method: 'POST', path: '/subjects/bad.A/versions', body: { schema: 'syntax = "proto3";', schemaType: 'PROTOBUF' }, status: 422, errorCode: 42201, message: 'only JSON is supported' },
  { name: 'a $ref to an http URL', method: 'POST', path: '/subjects/bad.A/versions', body: register({ $ref: 'http://169.254.169.254/latest/meta-data' }), status: 422, errorCode: 42201, message: 'never fetches' },
  { name: 'a $ref to a file URL', method: 'POST', path: '/subjects/bad.A/versions', body: register({ properties: { a: { $ref: 'file:///etc/passwd' } } }), status: 422, errorCode: 42201, message: 'never fetches' },
  { name: 'a reference to a missing subject', method: 'POST', path: '/subjects/bad.A/versions', body: register({ $ref: 'x.json' }, { references: [{ name: 'x.json', subject: 'nope', version: 1 }] }), status: 422, errorCode: 42201, message: 'does not exist' },
  { name: 'a reference to a missing version', method: 'POST', path: '/subjects/bad.A/versions', body: register({ $ref: 'x.json' }, { references: [{ name: 'x.json', subject: 'bad.Existing', version: 9 }] }), status: 422, errorCode: 42201, message: 'does not exist' },
  { name: 'references that are not an array', method: 'POST', path: '/subjects/bad.A/versions', body: { ...valid, references: 'x' }, status: 422, errorCode: 42201, message: '"references"' },
  { name: 'a body over the limit', method: 'POST', path: '/subjects/bad.A/versions', body: JSON.stringify({ schema: JSON.stringify({ description: 'x'.repeat(70_000) }) }), status: 413, errorCode: 42209 },
  { name: 'an invalid compatibility level', method: 'PUT', path: '/config/bad.A', body: { compatibility: 'SIDEWAYS' }, status: 422, errorCode: 42203, message: 'Valid values are' },
  { name: 'a compatibility level of the wrong type', method: 'PUT', path: '/config', body: { compatibility: 7 }, status: 422, errorCode: 42203 },
  { name: 'an empty config body', method: 'PUT', path: '/config', body: {}, status: 422, errorCode: 42203 },
  { name: 'an invalid mode', method: 'PUT', path: '/mode/bad.A', body: { mode: 'WRITEONLY' }, status: 422, errorCode: 42204 },
  { name: 'version 0', method: 'GET', path: '/subjects/bad.Existing/versions/0', status: 422, errorCode: 42202 },
  { name: 'version -1', method: 'GET', path: '/subjects/bad.Existing/versions/-1', status: 422, errorCode: 42202 },
  { name: 'version 1.2', method: 'GET', path: '/subjects/bad.Existing/versions/1.2', status: 422, errorCode: 42202 },
  { name: 'version abc', method: 'GET', path: '/subjects/bad.Existing/versions/abc', status: 422, errorCode: 42202 },
  { name: 'a version past int32', method: 'GET', path: '/subjects/bad.Existing/versions/99999999999', status: 422, errorCode: 42202 },
  { name: 'a subject with an encoded slash', method: 'POST', path: '/subjects/a%2Fb/versions', body: valid, status: 422, errorCode: 42208, message: "'/'" },
  { name: 'a subject with an encoded percent', method: 'POST', path: '/subjects/a%25b/versions', body: valid, status: 422, errorCode: 42208 },
  { name: 'a subject with a control character', method: 'POST', path: '/subjects/a%00b/versions', body: valid, status: 422, errorCode: 42208, message: '\\u0000' },
  { name: 'a subject of dots', method: 'POST', path: '/subjects/../versions', body: valid, status: 404, errorCode: 404 },
  { name: 'a subject that is too long', method: 'POST', path: `/subjects/${'s'.repeat(300)}/versions`, body: valid, status: 422, errorCode: 42208, message: 'limit is 255' },
  { name: 'an unknown subject', method: 'GET', path: '/subjects/bad.Nope/versions', status: 404, errorCode: 40401 },
  { name: 'an unknown version', method: 'GET', path: '/subjects/bad.Existing/versions/7', status: 404, errorCode: 40402 },
  { name: 'an unknown semver', method: 'GET', path: '/subjects/bad.Existing/versions/9.9.9', status: 404, errorCode: 40402 },
  { name: 'an unknown schema id', method: 'GET', path: '/schemas/ids/424242', status: 404, errorCode: 40403 },
  { name: 'a schema id that is not a number', method: 'GET', path: '/schemas/ids/x1', status: 404, errorCode: 40403 },
  { name: 'an unknown route', method: 'GET', path: '/nope', status: 404, errorCode: 404 },
  { name: 'a declared semver that is not semver', method: 'POST', path: '/subjects/bad.A/versions', body: { ...valid, semver: 'v1' }, status: 422, errorCode: 42211 },
  { name: 'a rule of an unknown type', method: 'POST', path: '/subjects/bad.A/versions', body: { ...valid, ruleSet: { migrationRules: [{ name: 'r', kind: 'TRANSFORM', type: 'CEL', mode: 'UPGRADE', expr: 'x' }] } }, status: 422, errorCode: 42210, message: 'JSONATA' },
  { name: 'a migration rule on a first version', method: 'POST', path: '/subjects/bad.First/versions', body: { ...valid, ruleSet: { migrationRules: [{ name: 'r', kind: 'TRANSFORM', type: 'JSONATA', mode: 'UPGRADE', expr: '$' }] } }, status: 422, errorCode: 42210, message: 'first version' },
  { name: 'an example that does not match the schema', method: 'POST', path: '/subjects/bad.A/versions', body: { ...valid, examples: [42] }, status: 422, errorCode: 42212 },
  { name: 'an explicit id outside IMPORT mode', method: 'POST', path: '/subjects/bad.A/versions', body: { ...valid, id: 5 }, status: 422, errorCode: 42205 },
  { name: 'a query flag that is not a boolean', method: 'GET', path: '/subjects?deleted=yes', status: 400, errorCode: 400 },
  { name: 'upcast with no from/to', method: 'POST', path: '/subjects/bad.Existing/upcast', body: { event: {} }, status: 400, errorCode: 400 },
  { name: 'validate without an event', method: 'POST', path: '/subjects/bad.Existing/versions/1/validate', body: { nope: 1 }, status: 400, errorCode: 400 },
  { name: 'a consumer range that is not semver', method: 'PUT', path: '/consumers/billing', body: { 'order.OrderPlaced': 'newest' }, status: 422, errorCode: 42211 },
  { name: 'a proto-poisoned body', method: 'POST', path: '/subjects/bad.A/versions', body: '{"__proto__": {"admin": true}, "schema": "{}"}', status: 400, errorCode: 400 },
];

async function storeState() {
  const subjects = await call(registry.url, 'GET', '/subjects?deleted=true');
  const audit = await call(registry.url, 'GET', '/audit?limit=1000');
  const config = await call(registry.url, 'GET', '/config');
  return { subjects: subjects.body, audit: audit.body.entries.length, config: config.body };
}

describe('bad input gets a precise error and changes nothing', () => {
  it.each(cases)('$name → $status / $errorCode', async ({ method, path, body, status, errorCode, message }) => {
    const before = await storeState();
    const response = await call(registry.url, method, path, body);
    expect(response.status).toBe(status);
    expect(response.body.error_code).toBe(errorCode);
    expect(typeof response.body.message).toBe('string');
    if (message) expect(response.body.message).toMatch(message);
    expect(await storeState()).toEqual(before);
  });

  it('keeps serving after every bad request', async () => {
    expect((await call(registry.url, 'GET', '/healthz')).status).toBe(200);
    expect((await call(registry.url, 'GET', '/subjects/bad.Existing/versions/1')).status).toBe(200);
  });
});
