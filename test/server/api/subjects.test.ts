import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startRegistry, type TestRegistry } from '../../support/registry.js';
import { orderPlacedV1, orderPlacedV1_1, register } from '../../support/schemas.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.close());

const api = (method: string, path: string, body?: unknown) => call(registry.url, method, path, body);

describe('registering and reading subjects', () => {
  it('registers a first version as 1.0.0 and reads it back by number, latest and semver', async () => {
    const created = await api('POST', '/subjects/order.OrderPlaced/versions', register(orderPlacedV1));
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id: expect.any(Number), version: 1, guid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), semver: '1.0.0' });
    expect(created.headers.get('content-type')).toContain('application/vnd.schemaregistry.v1+json');

    for (const selector of ['1', 'latest', '1.0.0']) {
      const read = await api('GET', `/subjects/order.OrderPlaced/versions/${selector}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual({
        subject: 'order.OrderPlaced',
        version: 1,
        id: created.body.id,
        guid: created.body.guid,
        semver: '1.0.0',
        schemaType: 'JSON',
        schema: JSON.stringify(orderPlacedV1),
      });
    }
  });

  it('is idempotent: the identical schema returns the existing id and version', async () => {
    const again = await api('POST', '/subjects/order.OrderPlaced/versions', register(orderPlacedV1));
    expect(again.body).toMatchObject({ version: 1, semver: '1.0.0' });
    expect((await api('GET', '/subjects/order.OrderPlaced/versions')).body).toEqual([1]);
  });

  it('infers a minor bump for an added optional property on a closed object', async () => {
    const created = await api('POST', '/subjects/order.OrderPlaced/versions', register(orderPlacedV1_1));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ version: 2, semver: '1.1.0' });
    expect((await api('GET', '/subjects/order.OrderPlaced/semvers')).body).toEqual([
      { version: 1, semver: '1.0.0', id: expect.any(Number) },
      { version: 2, semver: '1.1.0', id: expect.any(Number) },
    ]);
  });

  it('shares one global id between subjects registering the identical schema', async () => {
    const first = await api('GET', '/subjects/order.OrderPlaced/versions/1');
    const other = await api('POST', '/subjects/orders-value/versions', register(orderPlacedV1));
    expect(other.body.id).toBe(first.body.id);
    expect((await api('GET', `/schemas/ids/${first.body.id}/subjects`)).body).toEqual(['order.OrderPlaced', 'orders-value']);
    expect((await api('GET', `/schemas/ids/${first.body.id}`)).body).toEqual({ schemaType: 'JSON', schema: JSON.stringify(orderPlacedV1), guid: first.body.guid });
  });

  it('answers POST /subjects/{s} with the version a schema is registered as, and 40403 otherwise', async () => {
    const found = await api('POST', '/subjects/order.OrderPlaced', register(orderPlacedV1_1));
    expect(found.body).toMatchObject({ subject: 'order.OrderPlaced', version: 2, semver: '1.1.0' });
    const missing = await api('POST', '/subjects/order.OrderPlaced', register({ type: 'string' }));
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error_code: 40403, message: 'Schema not found' });
  });

  it('serves the raw schema of a version and lists subjects with a prefix filter', async () => {
    const raw = await api('GET', '/subjects/order.OrderPlaced/versions/latest/schema');
    expect(raw.body).toEqual(orderPlacedV1_1);
    expect((await api('GET', '/subjects?subjectPrefix=order.')).body).toEqual(['order.OrderPlaced']);
  });

  it('normalize=true registers key-order variants of one schema as the same version', async () => {
    const a = await api('POST', '/subjects/norm.Test/versions?normalize=true', register({ type: 'object', properties: { a: { type: 'string' } } }));
    const b = await api('POST', '/subjects/norm.Test/versions?normalize=true', register({ properties: { a: { type: 'string' } }, type: 'object' }));
    expect(b.body).toEqual(a.body);
  });

  it('accepts URL-encoded unicode subject names and reads them back', async () => {
    const subject = encodeURIComponent('commandes.CommandePassée');
    const created = await api('POST', `/subjects/${subject}/versions`, register({ type: 'string' }));
    expect(created.status).toBe(200);
    expect((await api('GET', `/subjects/${subject}/versions/1`)).body.subject).toBe('commandes.CommandePassée');
  });

  it('returns the latest version whose metadata matches', async () => {
    await api('POST', '/subjects/meta.Test/versions', register({ type: 'string' }, { metadata: { properties: { owner: 'team-a' } } }));
    await api('POST', '/subjects/meta.Test/versions', register({ type: ['string', 'null'] }, { metadata: { properties: { owner: 'team-b' } } }));
    const found = await api('GET', '/subjects/meta.Test/metadata?key=owner&value=team-a');
    expect(found.body).toMatchObject({ version: 1, metadata: { properties: { owner: 'team-a' } } });
  });
});

describe('deleting, Confluent style', () => {
  it('soft-deletes a version, hides it, and hard-deletes it only after the soft delete', async () => {
    await api('POST', '/subjects/del.Test/versions', register({ type: 'string' }));
    await api('POST', '/subjects/del.Test/versions', register({ type: ['string', 'null'] }));
    expect((await api('DELETE', '/subjects/del.Test/versions/2?permanent=true')).body.error_code).toBe(40407);
    expect((await api('DELETE', '/subjects/del.Test/versions/2')).body).toBe(2);
    expect((await api('GET', '/subjects/del.Test/versions')).body).toEqual([1]);
    expect((await api('GET', '/subjects/del.Test/versions?deleted=true')).body).toEqual([1, 2]);
    expect((await api('GET', '/subjects/del.Test/versions/2')).body.error_code).toBe(40402);
    expect((await api('DELETE', '/subjects/del.Test/versions/2')).body.error_code).toBe(40406);
    expect((await api('DELETE', '/subjects/del.Test/versions/2?permanent=true')).body).toBe(2);
    expect((await api('GET', '/subjects/del.Test/versions?deleted=true')).body).toEqual([1]);
  });

  it('soft-deletes a subject, refuses a second soft delete, and never reuses its version numbers', async () => {
    await api('POST', '/subjects/gone.Test/versions', register({ type: 'string' }));
    expect((await api('DELETE', '/subjects/gone.Test')).body).toEqual([1]);
    expect((await api('DELETE', '/subjects/gone.Test')).body.error_code).toBe(40404);
    expect((await api('GET', '/subjects/gone.Test/versions')).body.error_code).toBe(40401);
    expect((await api('GET', '/subjects')).body).not.toContain('gone.Test');
    expect((await api('GET', '/subjects?deleted=true')).body).toContain('gone.Test');
    const again = await api('POST', '/subjects/gone.Test/versions', register({ type: 'string' }));
    expect(again.body.version).toBe(2);
  });

  it('refuses to hard-delete a subject that was not soft-deleted first', async () => {
    await api('POST', '/subjects/hard.Test/versions', register({ type: 'string' }));
    const refused = await api('DELETE', '/subjects/hard.Test?permanent=true');
    expect(refused.status).toBe(404);
    expect(refused.body.error_code).toBe(40405);
  });

  it('resolves references for $ref and refuses to delete a referenced version', async () => {
    const address = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    await api('POST', '/subjects/common.Address/versions', register(address));
    const customer = { type: 'object', properties: { address: { $ref: 'address.json' } } };
    const created = await api(
      'POST',
      '/subjects/customer.Registered/versions',
      register(customer, { references: [{ name: 'address.json', subject: 'common.Address', version: 1 }] }),
    );
    expect(created.status).toBe(200);
    const read = await api('GET', '/subjects/customer.Registered/versions/1');
    expect(read.body.references).toEqual([{ name: 'address.json', subject: 'common.Address', version: 1 }]);
    expect((await api('GET', '/subjects/common.Address/versions/1/referencedby')).body).toEqual([created.body.id]);
    const refused = await api('DELETE', '/subjects/common.Address/versions/1');
    expect(refused.status).toBe(422);
    expect(refused.body.error_code).toBe(42206);
    const valid = await api('POST', '/subjects/customer.Registered/versions/1/validate', { event: { address: { city: 'Paris' } } });
    expect(valid.body.valid).toBe(true);
    const invalid = await api('POST', '/subjects/customer.Registered/versions/1/validate', { event: { address: {} } });
    expect(invalid.body.valid).toBe(false);
    expect(invalid.body.errors[0]).toMatchObject({ keyword: 'required' });
  });
});

describe('drafts', () => {
  it('reads a schema without $schema that uses array-form items as draft-07 instead of refusing it', async () => {
    const tuple = { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false };
    const created = await api('POST', '/subjects/draft.Tuple/versions', register(tuple));
    expect(created.status).toBe(200);
    expect((await api('POST', '/subjects/draft.Tuple/versions/1/validate', { event: ['a', 1] })).body.valid).toBe(true);
    expect((await api('POST', '/subjects/draft.Tuple/versions/1/validate', { event: ['a', 1, 2] })).body.valid).toBe(false);
  });

  it('registers draft-07, 2019-09 and 2020-12 schemas named by $schema', async () => {
    for (const [subject, uri] of [
      ['draft.Seven', 'http://json-schema.org/draft-07/schema#'],
      ['draft.Nineteen', 'https://json-schema.org/draft/2019-09/schema'],
      ['draft.Twenty', 'https://json-schema.org/draft/2020-12/schema'],
    ] as const) {
      const created = await api('POST', `/subjects/${subject}/versions`, register({ $schema: uri, type: 'object', properties: { a: { type: 'integer' } } }));
      expect(created.status).toBe(200);
    }
  });
});
