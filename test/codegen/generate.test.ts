import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, loadContracts, writeGenerated, type ContractFolder } from '../../codegen/index.js';
import { fixtureContracts, scratchDir } from './support/generated-dir.js';
import { typecheck } from './support/typecheck.js';

// A consumer of the generated code: if any of this stops compiling, the generator broke it.
const consumer = `
import {
  OrderPlacedV1_0_0Event, OrderPlacedV2Event, isOrderPlacedV2, isOrderPlacedV1_1_0, isOrderPlacedV2_0_0, upcastOrderPlacedV1ToV2,
  type AnyEvent, type EventMap, type Handlers, type OrderEvent, type OrderEventAnyVersion, type OrderPlacedV1, type OrderPlacedV2,
} from './out/index.js';

const meta = { aggregateId: 'order_1', correlationId: 'corr_1', causationId: 'cmd_1', source: 'order-service' };
const v2 = OrderPlacedV2Event.create(
  { orderId: 'o_1', customerId: 'c_1', currency: 'USD', items: [{ productId: 'p', quantity: 1, unitPrice: 2 }],
    pricing: { subtotal: 2, tax: 0, discount: 0, total: 2 } },
  meta,
);
const subject: 'order.OrderPlaced' = v2.schema.subject;
const semver: '2.0.0' = v2.schema.version;
const total: number = v2.data.pricing.total;
// @ts-expect-error totalAmount left the contract in 2.0.0
OrderPlacedV2Event.create({ orderId: 'o', customerId: 'c', totalAmount: 1 }, meta);
// @ts-expect-error 1.0.0 is a closed object: no currency yet
OrderPlacedV1_0_0Event.create({ orderId: 'o', customerId: 'c', totalAmount: 1, currency: 'EUR' }, meta);

const handlers: Handlers<EventMap> = {
  'order.OrderPlaced': (e) => void e.data.items[0].productId,
  'payment.PaymentAuthorized': (e) => void e.data.amount.currency,
};

function describeEvent(e: OrderEventAnyVersion): string {
  if (isOrderPlacedV1_1_0(e)) return e.data.currency ?? 'USD';
  if (isOrderPlacedV2_0_0(e)) return e.data.currency;
  return String(e.data.totalAmount);
}
function amountOf(e: AnyEvent): number {
  return e.eventType === 'PaymentAuthorized' ? e.data.amount.value : e.data.pricing.total;
}
function latest(e: OrderEvent): number { return e.data.pricing.total; }
function guard(x: unknown): string | undefined { return isOrderPlacedV2(x) ? x.data.orderId : undefined; }

const upcast = upcastOrderPlacedV1ToV2(async (_request, data) => data);
async function read(old: OrderPlacedV1): Promise<OrderPlacedV2> { return upcast(old); }
const valid: boolean = OrderPlacedV2Event.validate(v2.data);

export { subject, semver, total, handlers, describeEvent, amountOf, latest, guard, read, valid };
`;

const missingHandler = `
import type { EventMap, Handlers } from './out/index.js';
export const handlers: Handlers<EventMap> = {
  'order.OrderPlaced': () => undefined,
};
`;

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

  it('emits code that passes strict tsc, used the way a service would use it', async () => {
    await writeFile(join(scratch.dir, 'consumer.ts'), consumer);
    const generated = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.ts')).map((f) => join(out, f));
    expect(typecheck([...generated, join(scratch.dir, 'consumer.ts')])).toEqual([]);
  });

  it('refuses to compile a handler map that misses an event', async () => {
    await writeFile(join(scratch.dir, 'missing-handler.ts'), missingHandler);
    const diagnostics = typecheck([join(scratch.dir, 'missing-handler.ts')]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/TS2741 Property '+payment\.PaymentAuthorized'+ is missing/);
  });

  it('matches the committed snapshot of the generated code', async () => {
    for (const [path, contents] of files) {
      // ajv's own output is checked by behaviour (the examples test), not by bytes.
      if (path.endsWith('.validate.js')) continue;
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
      ...['v1_0_0', 'v1_1_0', 'v2_0_0'].flatMap((v) => [`order.OrderPlaced/${v}.types.ts`, `order.OrderPlaced/${v}.validate.d.ts`, `order.OrderPlaced/${v}.validate.js`]),
      'payment.PaymentAuthorized/events.ts',
      'payment.PaymentAuthorized/v1_0_0.types.ts',
      'payment.PaymentAuthorized/v1_0_0.validate.d.ts',
      'payment.PaymentAuthorized/v1_0_0.validate.js',
    ]);
  });

  it('precompiled validators accept the valid examples and reject the invalid ones', async () => {
    for (const s of folder.subjects) {
      for (const v of s.versions) {
        const path = join(out, s.subject, `v${v.semver.replaceAll('.', '_')}.validate.js`);
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

  it('takes the envelope types from importPath when one is given', async () => {
    const withSdk = await generate(folder, { importPath: 'charter/client' });
    expect(withSdk.get('envelope.ts')).toContain(`export type { EventEnvelope, EventMetadata } from 'charter/client';`);
    expect(withSdk.get('envelope.ts')).not.toContain('export interface EventEnvelope');
  });
});
