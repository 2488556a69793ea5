import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../../server/openapi/operations.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

describe('the OpenAPI document', () => {
  it('is served at /openapi.json and accepted by an OpenAPI 3.1 validator', async () => {
    const response = await call(registry.url, 'GET', '/openapi.json');
    expect(response.status).toBe(200);
    const result = await new Validator().validate(response.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes exactly the routes the server serves', () => {
    const served: string[] = [];
    for (const route of registry.server.routes) served.push(`${route.method.toLowerCase()} ${route.url}`);
    const documented = operations.map((op) => `${op.method} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`);
    expect(served.length).toBeGreaterThan(30);
    expect([...new Set(served)].sort()).toEqual([...new Set(documented)].sort());
  });
});
