import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, tempDir, writeKeys } from '../../support/auth.js';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { orderPlacedV1 } from '../../support/schemas.js';

let registry: TestRegistry;
let dir: Awaited<ReturnType<typeof tempDir>>;
let keys: Record<string, string>;
const ids: Record<string, number> = {};
const schema = (title: string) => ({ schemaType: 'JSON', schema: JSON.stringify({ ...orderPlacedV1, title }) });
const as = (name: string) => basic(keys[name]!);

beforeAll(async () => {
  dir = await tempDir();
  const file = join(dir.path, 'auth.json');
  keys = await writeKeys(file, { admin: ['admin'], orders: ['writer:order.*'], 'order-admin': ['admin:order.*'] });
  registry = await startRegistry({ auth: { authFile: file } });
  for (const [subject, title] of [['order.OrderPlaced', 'order'], ['payment.PaymentCaptured', 'payment'], ['order.Shared', 'shared'], ['payment.Shared', 'shared']]) {
    const response = await call(registry.url, 'POST', `/subjects/${subject}/versions`, schema(title!), as('admin'));
    expect(response.status).toBe(200);
    ids[subject!] = response.body.id;
  }
});
afterAll(async () => {
  await registry.close();
  await dir.remove();
});

describe('a writer scoped to order.*', () => {
  it('registers under its prefix and is refused outside it', async () => {
    expect((await call(registry.url, 'POST', '/subjects/order.OrderShipped/versions', schema('shipped'), as('orders'))).status).toBe(200);
    const outside = await call(registry.url, 'POST', '/subjects/payment.PaymentRefunded/versions', schema('refund'), as('orders'));
    expect(outside.status).toBe(403);
    expect(outside.body).toEqual({ error_code: 40301, message: expect.stringContaining("needs writer on subject 'payment.PaymentRefunded'") });
  });

  it('cannot read another team’s subject through the compatibility endpoints', async () => {
    for (const path of ['/compatibility/subjects/payment.PaymentCaptured/versions', '/compatibility/subjects/payment.PaymentCaptured/versions/latest']) {
      expect((await call(registry.url, 'POST', path, schema('probe'), as('orders'))).status).toBe(403);
    }
    expect((await call(registry.url, 'POST', '/compatibility/subjects/order.OrderPlaced/versions/latest', schema('order'), as('orders'))).status).toBe(200);
  });

  it('cannot validate or upcast events of another team’s subject', async () => {
    const event = { orderId: 'o', customerId: 'c', totalAmount: 1 };
    expect((await call(registry.url, 'POST', '/subjects/payment.PaymentCaptured/versions/1/validate', { event }, as('orders'))).status).toBe(403);
    expect((await call(registry.url, 'POST', '/subjects/payment.PaymentCaptured/upcast', { event, from: 1, to: 1 }, as('orders'))).status).toBe(403);
    expect((await call(registry.url, 'POST', '/subjects/order.OrderPlaced/versions/1/validate', { event }, as('orders'))).status).toBe(200);
  });

  it('cannot pull another team’s schema in through a reference', async () => {
    const body = { ...schema('ref'), references: [{ name: 'payment.json', subject: 'payment.PaymentCaptured', version: 1 }] };
    const response = await call(registry.url, 'POST', '/subjects/order.WithRef/versions', body, as('orders'));
    expect(response.status).toBe(403);
    expect(response.body.message).toBe("Not allowed to read the referenced subject 'payment.PaymentCaptured'");
  });

  it('soft deletes its own subject but cannot hard delete it', async () => {
    await call(registry.url, 'POST', '/subjects/order.Doomed/versions', schema('doomed'), as('orders'));
    expect((await call(registry.url, 'DELETE', '/subjects/order.Doomed', undefined, as('orders'))).status).toBe(200);
    const hard = await call(registry.url, 'DELETE', '/subjects/order.Doomed?permanent=true', undefined, as('orders'));
    expect(hard.status).toBe(403);
    expect(hard.body.message).toContain('(permanent delete)');
    expect((await call(registry.url, 'DELETE', '/subjects/order.Doomed?permanent=true', undefined, as('order-admin'))).status).toBe(200);
  });

  it('cannot import a version with its own id, nor change its subject’s config', async () => {
    expect((await call(registry.url, 'POST', '/subjects/order.Imported/versions', { ...schema('imp'), id: 500, version: 3 }, as('orders'))).status).toBe(403);
    expect((await call(registry.url, 'PUT', '/config/order.OrderPlaced', { compatibility: 'NONE' }, as('orders'))).status).toBe(403);
  });

  it('lists only the subjects it may read', async () => {
    const response = await call(registry.url, 'GET', '/subjects', undefined, as('orders'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(['order.OrderPlaced', 'order.OrderShipped', 'order.Shared']);
  });

  it('reads a schema id only through a subject it may read, and sees only those subjects', async () => {
    expect((await call(registry.url, 'GET', `/schemas/ids/${ids['payment.PaymentCaptured']}`, undefined, as('orders'))).status).toBe(403);
    expect((await call(registry.url, 'GET', `/schemas/ids/${ids['payment.PaymentCaptured']}/schema`, undefined, as('orders'))).status).toBe(403);
    expect((await call(registry.url, 'GET', `/schemas/ids/${ids['order.OrderPlaced']}`, undefined, as('orders'))).status).toBe(200);
    const shared = ids['order.Shared'];
    expect(ids['payment.Shared']).toBe(shared);
    expect((await call(registry.url, 'GET', `/schemas/ids/${shared}/subjects`, undefined, as('orders'))).body).toEqual(['order.Shared']);
    expect((await call(registry.url, 'GET', `/schemas/ids/${shared}/versions`, undefined, as('orders'))).body).toEqual([
      expect.objectContaining({ subject: 'order.Shared' }),
    ]);
    expect((await call(registry.url, 'GET', `/schemas/ids/${shared}/subjects`, undefined, as('admin'))).body).toEqual(['order.Shared', 'payment.Shared']);
    expect((await call(registry.url, 'GET', '/schemas/ids/9999', undefined, as('orders'))).status).toBe(404);
  });

  it('declares a consumer of its own subjects only', async () => {
    expect((await call(registry.url, 'PUT', '/consumers/order-svc', { 'order.OrderPlaced': '^1.0.0' }, as('orders'))).status).toBe(200);
    expect((await call(registry.url, 'PUT', '/consumers/order-svc', { 'payment.PaymentCaptured': '^1.0.0' }, as('orders'))).status).toBe(403);
  });

  it('sees only the subjects it may read in other groups’ declarations, and cannot replace or remove them', async () => {
    const declared = { 'order.OrderPlaced': '^1.0.0', 'payment.PaymentCaptured': '^1.0.0' };
    expect((await call(registry.url, 'PUT', '/consumers/billing', declared, as('admin'))).status).toBe(200);
    const listed = await call(registry.url, 'GET', '/consumers', undefined, as('orders'));
    expect(listed.body).toContainEqual({ group: 'billing', subjects: { 'order.OrderPlaced': '^1.0.0' } });
    expect((await call(registry.url, 'GET', '/consumers/billing', undefined, as('orders'))).body).toEqual({ group: 'billing', subjects: { 'order.OrderPlaced': '^1.0.0' } });
    expect((await call(registry.url, 'GET', '/consumers/billing', undefined, as('admin'))).body.subjects).toEqual(declared);
    expect((await call(registry.url, 'PUT', '/consumers/billing', { 'order.OrderPlaced': '^1.0.0' }, as('orders'))).status).toBe(403);
    expect((await call(registry.url, 'DELETE', '/consumers/billing', undefined, as('orders'))).status).toBe(403);
    expect((await call(registry.url, 'GET', '/consumers/billing', undefined, as('admin'))).body.subjects).toEqual(declared);
  });

  it('is recorded in the audit log as key:<name>', async () => {
    const audit = await call(registry.url, 'GET', '/audit?subject=order.OrderShipped', undefined, as('admin'));
    expect(audit.status).toBe(200);
    expect(audit.body.entries).toEqual([expect.objectContaining({ principal: 'key:orders', subject: 'order.OrderShipped' })]);
  });
});

describe('an admin scoped to order.*', () => {
  it('changes its subjects’ config but neither global config nor another team’s', async () => {
    expect((await call(registry.url, 'PUT', '/config/order.OrderPlaced', { compatibility: 'FULL' }, as('order-admin'))).status).toBe(200);
    expect((await call(registry.url, 'PUT', '/config/payment.PaymentCaptured', { compatibility: 'NONE' }, as('order-admin'))).status).toBe(403);
    const global = await call(registry.url, 'PUT', '/config', { compatibility: 'NONE' }, as('order-admin'));
    expect(global.status).toBe(403);
    expect(global.body.message).toContain('needs admin on every subject (an unscoped role)');
    expect((await call(registry.url, 'GET', '/audit', undefined, as('order-admin'))).status).toBe(403);
  });
});
