import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, loadContracts, writeGenerated, type ContractFolder } from '../../codegen/index.js';
import { fixtureContracts, scratchDir } from './support/generated-dir.js';

describe('generate', () => {
  let folder: ContractFolder;
  let files: Map<string, string>;
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  let out: string;

  beforeAll(async () => {
    folder = await loadContracts(fixtureContracts);
    files = await generate(folder);
    scratch = await scratchDir();
    out = join(scratch.dir, 'out');
    await writeGenerated(out, files);
  });
  afterAll(() => scratch.remove());

  it('matches the committed snapshot of the generated code', async () => {
    for (const [path, contents] of files) {
      // ajv's own output is checked by behaviour (the examples test), not by bytes.
      if (path.endsWith('.validate.ts')) continue;
      await expect(contents).toMatchFileSnapshot(`./__snapshots__/order-story/${path}.snap`);
    }
  });

  it('gives the same bytes when run twice', async () => {
    const again = await generate(await loadContracts(fixtureContracts));
    expect([...again]).toEqual([...files]);
  });

  it('gives the same bytes whatever order subjects and versions are listed in', async () => {
    const shuffled: ContractFolder = {
      subjects: [...folder.subjects].reverse().map((s) => ({ ...s, versions: [...s.versions].reverse() })),
    };
    expect([...(await generate(shuffled))]).toEqual([...files]);
  });

  it('lists the files of the output, sorted by path', () => {
    expect([...files.keys()]).toEqual([
      'envelope.ts',
      'event-map.ts',
      'index.ts',
      'order.OrderPlaced/events.ts',
      'order.OrderPlaced/migrations.ts',
      ...['v1_0_0', 'v1_1_0', 'v2_0_0'].flatMap((v) => [`order.OrderPlaced/${v}.types.ts`, `order.OrderPlaced/${v}.validate.ts`]),
      'payment.PaymentAuthorized/events.ts',
      'payment.PaymentAuthorized/v1_0_0.types.ts',
      'payment.PaymentAuthorized/v1_0_0.validate.ts',
    ]);
  });

  it('precompiled validators accept the valid examples and reject the invalid ones', async () => {
    for (const s of folder.subjects) {
      for (const v of s.versions) {
        const path = join(out, s.subject, `v${v.semver.replaceAll('.', '_')}.validate.ts`);
        const { default: validate } = (await import(path)) as { default: (data: unknown) => boolean };
        for (const event of v.examples?.valid ?? []) expect(validate(event), `${v.schemaFile} valid ${JSON.stringify(event)}`).toBe(true);
        for (const event of v.examples?.invalid ?? []) expect(validate(event), `${v.schemaFile} invalid ${JSON.stringify(event)}`).toBe(false);
      }
    }
  });

  it('create() fills the envelope with the literal subject, semver and fresh ids', async () => {
    const { OrderPlacedV1Event, isOrderPlacedV1, isOrderPlacedV2 } = await import(join(out, 'index.ts'));
    const meta = { aggregateId: 'order_1', correlationId: 'corr_1', causationId: 'cmd_1', source: 'order-service', userId: 'u_1' };
    const a = OrderPlacedV1Event.create({ orderId: 'o', customerId: 'c', totalAmount: 1 }, meta);
    const b = OrderPlacedV1Event.create({ orderId: 'o', customerId: 'c', totalAmount: 1 }, { ...meta, version: 3, schemaId: 7 });
    expect(a).toMatchObject({
      eventType: 'OrderPlaced',
      aggregateId: 'order_1',
      aggregateType: 'Order',
      version: 1,
      schema: { subject: 'order.OrderPlaced', version: '1.1.0' },
      data: { orderId: 'o', customerId: 'c', totalAmount: 1 },
      metadata: { correlationId: 'corr_1', causationId: 'cmd_1', userId: 'u_1', source: 'order-service' },
    });
    expect(a.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.eventId).not.toBe(b.eventId);
    expect(b).toMatchObject({ version: 3, schema: { id: 7 } });
    expect(new Date(a.timestamp).toISOString()).toBe(a.timestamp);
    expect([isOrderPlacedV1(a), isOrderPlacedV2(a), isOrderPlacedV1({})]).toEqual([true, false, false]);
  });

  it('takes the SDK types from charter/client, or from importPath when one is given, and declares no envelope of its own', async () => {
    expect(files.get('envelope.ts')).toContain(`export type { Envelope, EventMetadata, Handlers } from 'charter/client';`);
    const local = await generate(folder, { importPath: '../../client/index.js' });
    expect(local.get('envelope.ts')).toContain(`export type { Envelope, EventMetadata, Handlers } from '../../client/index.js';`);
    for (const envelope of [files.get('envelope.ts'), local.get('envelope.ts')]) expect(envelope).not.toMatch(/interface (Event)?Envelope\b/);
  });
});
