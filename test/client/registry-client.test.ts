import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IncompatibleSchemaError,
  RegistryClient,
  RegistryUnavailableError,
  SchemaNotFoundError,
  SubjectNotFoundError,
  VersionNotFoundError,
} from '../../client/index.js';
import { startRegistry } from '../support/registry.js';
import { countingFetch } from './support/counting-fetch.js';
import { orderPlacedV1, orderPlacedV1_1, registerOrderPlaced } from './support/order-placed.js';

let server: { url: string; close(): Promise<void> };
let ids: Record<string, number>;

beforeAll(async () => {
  server = await startRegistry();
  ids = await registerOrderPlaced(new RegistryClient({ url: server.url }));
});
afterAll(() => server.close());

describe('RegistryClient', () => {
  it('reads a version by number, by semver and as latest', async () => {
    const registry = new RegistryClient({ url: server.url });
    const byNumber = await registry.getVersion('order.OrderPlaced', 2);
    const bySemver = await registry.getVersion('order.OrderPlaced', '1.1.0');
    const latest = await registry.getLatest('order.OrderPlaced');
    expect(byNumber.semver).toBe('1.1.0');
    expect(bySemver.id).toBe(byNumber.id);
    expect(latest.semver).toBe('2.0.0');
    expect(JSON.parse(bySemver.schema)).toEqual(orderPlacedV1_1);
  });

  it('lists semvers oldest first and finds where a schema id is registered', async () => {
    const registry = new RegistryClient({ url: server.url });
    const semvers = await registry.getSemvers('order.OrderPlaced');
    expect(semvers.map((s) => s.semver)).toEqual(['1.0.0', '1.1.0', '2.0.0']);
    expect(await registry.getSubjectVersionsById(ids['1.0.0'])).toContainEqual(expect.objectContaining({ subject: 'order.OrderPlaced', version: 1 }));
  });

  it('answers whether a schema is registered', async () => {
    const registry = new RegistryClient({ url: server.url });
    const found = await registry.lookup('order.OrderPlaced', orderPlacedV1);
    expect(found.version).toBe(1);
    await expect(registry.lookup('order.OrderPlaced', { type: 'string' })).rejects.toBeInstanceOf(SchemaNotFoundError);
  });

  it('rebuilds typed errors from the response code', async () => {
    const registry = new RegistryClient({ url: server.url });
    const missing = await registry.getLatest('no.SuchSubject').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(SubjectNotFoundError);
    expect(missing).toMatchObject({ code: 'SUBJECT_NOT_FOUND', errorCode: 40401, status: 404 });
    await expect(registry.getVersion('order.OrderPlaced', 99)).rejects.toBeInstanceOf(VersionNotFoundError);
    await expect(registry.getSchemaById(987_654)).rejects.toBeInstanceOf(SchemaNotFoundError);
  });

  it('reports an incompatible schema with its changes', async () => {
    const registry = new RegistryClient({ url: server.url });
    await registry.register('billing.InvoiceIssued', { schema: { type: 'object', properties: { amount: { type: 'number' } } } });
    const narrowed = { type: 'object', required: ['amount'], properties: { amount: { type: 'string' } } };
    const error = await registry.register('billing.InvoiceIssued', { schema: narrowed, semver: '1.1.0' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompatibleSchemaError);
    expect((error as IncompatibleSchemaError).changes.length).toBeGreaterThan(0);
    const verdict = await registry.testCompatibility('billing.InvoiceIssued', narrowed);
    expect(verdict.is_compatible).toBe(false);
  });

  it('caches schemas by id forever and shares concurrent fetches', async () => {
    const counter = countingFetch();
    const registry = new RegistryClient({ url: server.url, fetch: counter.fetch });
    const [a, b] = await Promise.all([registry.getSchemaById(ids['2.0.0']), registry.getSchemaById(ids['2.0.0'])]);
    await registry.getSchemaById(ids['2.0.0']);
    expect(a).toBe(b);
    expect(counter.requests.filter((r) => r.url.includes('/schemas/ids/'))).toHaveLength(1);
  });

  it('refetches latest only after its time to live', async () => {
    const counter = countingFetch();
    const registry = new RegistryClient({ url: server.url, fetch: counter.fetch, latestTtlMs: 50 });
    await registry.getLatest('order.OrderPlaced');
    await registry.getLatest('order.OrderPlaced');
    expect(counter.requests).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await registry.getLatest('order.OrderPlaced');
    expect(counter.requests).toHaveLength(2);
  });

  it('retries an unreachable registry with backoff, then throws RegistryUnavailableError', async () => {
    const counter = countingFetch();
    // Port 9 (discard) on loopback: nothing listens, so every connection is refused.
    const registry = new RegistryClient({ url: 'http://127.0.0.1:9', fetch: counter.fetch, retries: 2, backoffMs: 10 });
    const started = Date.now();
    const error = await registry.getLatest('order.OrderPlaced').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryUnavailableError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', details: { attempts: 3 } });
    expect((error as Error).cause).toBeDefined();
    expect(counter.requests).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('sends Basic and Bearer credentials', async () => {
    const basic = countingFetch();
    await new RegistryClient({ url: server.url, fetch: basic.fetch, auth: { username: 'ann', password: 's3cret' } }).getSubjects();
    expect(basic.requests[0].headers.get('authorization')).toBe(`Basic ${Buffer.from('ann:s3cret').toString('base64')}`);
    const bearer = countingFetch();
    await new RegistryClient({ url: server.url, fetch: bearer.fetch, auth: { token: 'tok_123' } }).getSubjects();
    expect(bearer.requests[0].headers.get('authorization')).toBe('Bearer tok_123');
  });

  it('declares consumer groups and lists the readers of a subject', async () => {
    const registry = new RegistryClient({ url: server.url });
    await registry.setConsumer('billing', { 'order.OrderPlaced': '^2.0.0' });
    expect((await registry.getConsumer('billing')).subjects).toEqual({ 'order.OrderPlaced': '^2.0.0' });
    expect(await registry.getReaders('order.OrderPlaced')).toContainEqual(expect.objectContaining({ group: 'billing', range: '^2.0.0' }));
  });

  it('validates and upcasts on the server', async () => {
    const registry = new RegistryClient({ url: server.url });
    expect((await registry.validate('order.OrderPlaced', '1.0.0', { orderId: 'o' })).valid).toBe(false);
    const upcast = await registry.upcast('order.OrderPlaced', { orderId: 'o', customerId: 'c', totalAmount: 3 }, '1.0.0', '2.0.0');
    expect(upcast.to.semver).toBe('2.0.0');
    expect(upcast.event).toMatchObject({ pricing: { total: 3 } });
  });
});
