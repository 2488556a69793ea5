import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { register } from '../../support/schemas.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

describe('health, metrics and audit', () => {
  it('answers liveness and readiness', async () => {
    expect((await call(registry.url, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await call(registry.url, 'GET', '/readyz')).body).toEqual({ status: 'ready', store: 'pglite' });
  });

  it('counts requests by route, registrations and refusals in Prometheus format', async () => {
    await call(registry.url, 'POST', '/subjects/metrics.Test/versions', register({ type: 'string' }));
    await call(registry.url, 'GET', '/subjects/metrics.Nope/versions');
    const metrics = await call(registry.url, 'GET', '/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.body).toContain('charter_registrations_total{outcome="created"} 1');
    expect(metrics.body).toContain('charter_refusals_total{code="40401"} 1');
    expect(metrics.body).toMatch(/charter_http_request_duration_seconds_count\{method="POST",route="\/subjects\/:subject\/versions",status="200"\} 1/);
  });

  it('records every change in the audit log, newest first, with paging', async () => {
    await call(registry.url, 'PUT', '/config/audit.Test', { compatibility: 'FULL' });
    await call(registry.url, 'POST', '/subjects/audit.Test/versions', register({ type: 'string' }));
    await call(registry.url, 'DELETE', '/subjects/audit.Test');
    const page = await call(registry.url, 'GET', '/audit?subject=audit.Test&limit=2');
    expect(page.body.entries.map((e: { action: string }) => e.action)).toEqual(['subject.delete', 'schema.register']);
    expect(page.body.entries[0]).toMatchObject({ principal: 'anonymous', subject: 'audit.Test', at: expect.any(String) });
    const next = await call(registry.url, 'GET', `/audit?subject=audit.Test&limit=2&before=${page.body.next}`);
    expect(next.body.entries.map((e: { action: string }) => e.action)).toEqual(['config.update']);
  });
});
