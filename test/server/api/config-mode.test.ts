import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { orderPlacedV1, register } from '../../support/schemas.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());
const api = (method: string, path: string, body?: unknown) => call(registry.url, method, path, body);

describe('config and mode, Confluent semantics', () => {
  it('defaults to BACKWARD and STRICT globally', async () => {
    expect((await api('GET', '/config')).body).toMatchObject({ compatibilityLevel: 'BACKWARD', compatibilityPolicy: 'STRICT' });
  });

  it('sets, reads and removes a subject level, with 40408 when unset and defaultToGlobal', async () => {
    expect((await api('GET', '/config/cfg.Test')).body.error_code).toBe(40408);
    expect((await api('GET', '/config/cfg.Test?defaultToGlobal=true')).body.compatibilityLevel).toBe('BACKWARD');
    expect((await api('PUT', '/config/cfg.Test', { compatibility: 'full_transitive' })).body).toEqual({ compatibility: 'FULL_TRANSITIVE' });
    expect((await api('GET', '/config/cfg.Test')).body).toEqual({ compatibilityLevel: 'FULL_TRANSITIVE' });
    expect((await api('DELETE', '/config/cfg.Test')).body).toEqual({ compatibilityLevel: 'FULL_TRANSITIVE' });
    expect((await api('GET', '/config/cfg.Test')).body.error_code).toBe(40408);
  });

  it('enforces the subject level: FORWARD refuses a new required property that BACKWARD accepts', async () => {
    const open = { type: 'object', properties: { a: { type: 'string' } } };
    const tighter = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    await api('PUT', '/config/cfg.Forward', { compatibility: 'BACKWARD' });
    await api('POST', '/subjects/cfg.Forward/versions', register(tighter));
    await api('PUT', '/config/cfg.Forward', { compatibility: 'FORWARD' });
    // Dropping `required` lets new events omit `a`: old readers that require it break (FORWARD).
    const refused = await api('POST', '/subjects/cfg.Forward/versions', register(open));
    expect(refused.status).toBe(409);
  });

  it('refuses writes in READONLY mode and accepts them again in READWRITE', async () => {
    expect((await api('PUT', '/mode/mode.Test', { mode: 'READONLY' })).body).toEqual({ mode: 'READONLY' });
    const refused = await api('POST', '/subjects/mode.Test/versions', register({ type: 'string' }));
    expect(refused.status).toBe(422);
    expect(refused.body.error_code).toBe(42205);
    expect((await api('DELETE', '/mode/mode.Test')).body).toEqual({ mode: 'READONLY' });
    expect((await api('POST', '/subjects/mode.Test/versions', register({ type: 'string' }))).status).toBe(200);
  });

  it('imports a schema with its id and version in IMPORT mode', async () => {
    expect((await api('PUT', '/mode/import.Test', { mode: 'IMPORT' })).body).toEqual({ mode: 'IMPORT' });
    const imported = await api('POST', '/subjects/import.Test/versions', register(orderPlacedV1, { id: 9000, version: 4, semver: '1.3.0' }));
    expect(imported.body).toEqual({ id: 9000, version: 4, guid: expect.any(String), semver: '1.3.0' });
    expect((await api('GET', '/schemas/ids/9000')).body.schema).toBe(JSON.stringify(orderPlacedV1));
    await api('DELETE', '/mode/import.Test');
    const next = await api('POST', '/subjects/other.Test/versions', register({ type: 'boolean' }));
    expect(next.body.id).toBeGreaterThan(9000);
  });

  it('refuses IMPORT on a registry that already has schemas unless forced', async () => {
    await api('POST', '/subjects/force.Test/versions', register({ type: 'string' }));
    expect((await api('PUT', '/mode', { mode: 'IMPORT' })).body.error_code).toBe(42205);
    expect((await api('GET', '/mode')).body).toEqual({ mode: 'READWRITE' });
  });
});
