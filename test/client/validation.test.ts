import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCodec, InvalidEventError, jsonEnvelope, RegistryClient, type Envelope } from '../../client/index.js';
import { call, startRegistry, type TestRegistry } from '../support/registry.js';

let registry: TestRegistry;
let codec: EventCodec;
beforeAll(async () => {
  registry = await startRegistry();
  codec = new EventCodec({ registry: new RegistryClient({ url: registry.url }), source: 'test' });
});
afterAll(() => registry.close());

const envelopeOf = (subject: string, id: number, data: unknown) =>
  ({ eventType: 'T', eventId: 'evt_1', timestamp: '2026-01-01T00:00:00Z', schema: { subject, version: '1.0.0', id }, data, metadata: { correlationId: 'c', source: 's' } }) as unknown as Envelope;

describe('the SDK validates as the registry does', () => {
  it('reads a draft-07 reference under a 2020-12 schema: failures come back as errors, never a raw ajv throw', async () => {
    const money = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'number', minimum: 0 };
    expect((await call(registry.url, 'POST', '/subjects/shared.Money/versions', { schema: JSON.stringify(money) })).status).toBe(200);
    const order = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', required: ['total'], properties: { total: { $ref: 'money.json' } } };
    const registered = await call(registry.url, 'POST', '/subjects/sdk.Order/versions', {
      schema: JSON.stringify(order),
      references: [{ name: 'money.json', subject: 'shared.Money', version: 1 }],
    });
    expect(registered.status).toBe(200);

    await expect(codec.encode('sdk.Order', { total: 5 })).resolves.toMatchObject({ data: { total: 5 } });
    const refused = await codec.encode('sdk.Order', { total: -1 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidEventError);
    expect((refused as InvalidEventError).errors).toContainEqual(expect.objectContaining({ instancePath: '/total', keyword: 'minimum' }));

    const decoded = await codec.decode(codec.serialize(envelopeOf('sdk.Order', registered.body.id, { total: -1 }), jsonEnvelope));
    expect(decoded).toMatchObject({ ok: false, reason: 'invalid' });
    const fine = await codec.decode(codec.serialize(envelopeOf('sdk.Order', registered.body.id, { total: 1 }), jsonEnvelope));
    expect(fine.ok).toBe(true);
  });

  it('refuses [] under prefixItems/contains/minContains, as the registry does', async () => {
    const schema = { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'number' }, contains: { type: 'number' }, minContains: 1, maxContains: 2 };
    expect((await call(registry.url, 'POST', '/subjects/sdk.Tuple/versions', { schema: JSON.stringify(schema) })).status).toBe(200);
    expect((await call(registry.url, 'POST', '/subjects/sdk.Tuple/versions/1/validate', { event: [] })).body.valid).toBe(false);
    await expect(codec.encode('sdk.Tuple', [])).rejects.toBeInstanceOf(InvalidEventError);
    await expect(codec.encode('sdk.Tuple', ['a', 1])).resolves.toBeDefined();
  });
});
