import { writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGenerated, ContractError, generate, loadContracts, writeGenerated, type ContractFolder } from '../../codegen/index.js';
import { scratchDir } from './support/generated-dir.js';
import { installSdkDeclarations } from './support/sdk-declarations.js';
import { typecheck } from './support/typecheck.js';

const sharedTypes = fileURLToPath(new URL('./fixtures/shared-types/', import.meta.url));

const moneyImport = "import type { MoneyV1_0_0, Amount as MoneyV1_0_0Amount } from '../common.Money/v1_0_0.types.js';";

/** A service using the shared type through the events that reference it. */
const rightShape = `
import { OrderPlacedV1Event, type MoneyV1_0_0, type PaymentAuthorizedV1_0_0 } from './out/index.js';
const total: MoneyV1_0_0 = { amount: 1250, currency: 'EUR' };
export const payment: PaymentAuthorizedV1_0_0 = { paymentId: 'p_1', orderId: 'o_1', amount: total, settledIn: 'EUR' };
export const placed = OrderPlacedV1Event.create(
  { orderId: 'o_1', total, discount: 100, items: [{ productId: 'p_1', price: total }] },
  { aggregateId: 'o_1', correlationId: 'c_1', causationId: 'c_1', source: 'order-service' },
);
`;

/** Money with its amount as text and no currency: must not compile, wherever Money is used. */
const wrongShape = `
import type { OrderPlacedV1_0_0, PaymentAuthorizedV1_0_0 } from './out/index.js';
export const order: OrderPlacedV1_0_0 = { orderId: 'o_1', total: { amount: '12.50', currency: 'EUR' }, items: [{ productId: 'p', price: { amount: 1, currency: 'EUR' } }] };
export const payment: PaymentAuthorizedV1_0_0 = { paymentId: 'p_1', orderId: 'o_1', amount: { amount: 1 } };
`;

describe('codegen of a folder whose events share types (common.Money referencing common.Currency)', () => {
  let folder: ContractFolder;
  let files: Map<string, string>;
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  let out: string;
  const diagnostics = new Map<string, string[]>();
  const of = (file: string): string[] => diagnostics.get(join(scratch.dir, file)) ?? [];

  beforeAll(async () => {
    folder = await loadContracts(sharedTypes);
    files = await generate(folder);
    scratch = await scratchDir();
    out = join(scratch.dir, 'out');
    await writeGenerated(out, files);
    await installSdkDeclarations(scratch.dir);
    await writeFile(join(scratch.dir, 'right-shape.ts'), rightShape);
    await writeFile(join(scratch.dir, 'wrong-shape.ts'), wrongShape);
    const generated = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.ts')).map((f) => join(out, f));
    for (const line of typecheck([...generated, join(scratch.dir, 'right-shape.ts'), join(scratch.dir, 'wrong-shape.ts')])) {
      const file = line.slice(0, line.indexOf(':'));
      diagnostics.set(file, [...(diagnostics.get(file) ?? []), line]);
    }
  }, 120_000);
  afterAll(() => scratch.remove());

  it('generates one type per shared version, in its subject folder, with its definitions exported', () => {
    const money = files.get('common.Money/v1_0_0.types.ts')!;
    expect(money).toMatch(/^export interface MoneyV1_0_0 \{\n  amount: Amount;\n  currency: CurrencyV1_0_0;\n\}$/m);
    expect(money).toMatch(/^export type Amount = number;$/m);
    expect(money).toContain("import type { CurrencyV1_0_0 } from '../common.Currency/v1_0_0.types.js';");
    expect(files.get('common.Currency/v1_0_0.types.ts')).toMatch(/^export type CurrencyV1_0_0 = string;$/m);
  });

  it('imports the shared type into every event that references it, fragments included, and copies none of it', () => {
    const order = files.get('order.OrderPlaced/v1_0_0.types.ts')!;
    expect(order).toContain(moneyImport);
    expect(order).toContain('  total: MoneyV1_0_0;');
    expect(order).toContain('  discount?: MoneyV1_0_0Amount;');
    expect(order).toContain('      price: MoneyV1_0_0;');
    const payment = files.get('payment.PaymentAuthorized/v1_0_0.types.ts')!;
    expect(payment).toContain("import type { MoneyV1_0_0 } from '../common.Money/v1_0_0.types.js';");
    // A pointer into the shared version's properties is typed by indexed access on its one type.
    expect(payment).toContain("  settledIn?: Exclude<MoneyV1_0_0['currency'], undefined>;");
    for (const event of [order, payment]) {
      expect(event).not.toMatch(/^\s*(amount|currency)\??: (number|string)/m); // Money's own fields are never copied in
      expect(event).not.toMatch(/export (interface|type) (Money|Amount|Currency)/);
    }
  });

  it('treats shared types as types, not events: no event classes, no event-map entries', () => {
    expect([...files.keys()].filter((p) => p.startsWith('common.'))).toEqual([
      ...['common.Currency', 'common.Money'].flatMap((s) => [`${s}/v1_0_0.types.ts`, `${s}/v1_0_0.validate.ts`]),
    ]);
    expect(files.get('event-map.ts')).not.toContain('common.');
    expect(files.get('index.ts')).toContain("export type { MoneyV1_0_0 } from './common.Money/v1_0_0.types.js';");
  });

  it('type-checks without skipLibCheck, and a service using Money right compiles', () => {
    const elsewhere = [...diagnostics].filter(([file]) => !/(right|wrong)-shape\.ts$/.test(file));
    expect(elsewhere).toEqual([]);
    expect(of('right-shape.ts')).toEqual([]);
  });

  it('refuses a wrong Money shape in either event at compile time', () => {
    const errors = of('wrong-shape.ts');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/wrong-shape\.ts:3:\d+: TS2322 Type 'string' is not assignable to type 'number'/);
    expect(errors[1]).toMatch(/wrong-shape\.ts:4:\d+: TS2741 Property 'currency' is missing/);
  });

  it('precompiles validators with the reference closure: an invalid nested Money or Currency is rejected', async () => {
    const { default: validate } = (await import(join(out, 'order.OrderPlaced', 'v1_0_0.validate.ts'))) as { default: ((data: unknown) => boolean) & { errors?: unknown } };
    const money = { amount: 1250, currency: 'EUR' };
    expect(validate({ orderId: 'o_1', total: money, discount: 5, items: [{ productId: 'p', price: money }] })).toBe(true);
    expect(validate({ orderId: 'o_1', total: money, items: [{ productId: 'p', price: { amount: 1250, currency: 'euro' } }] })).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('/items/0/price/currency');
    expect(validate({ orderId: 'o_1', total: { amount: -1, currency: 'EUR' }, items: [{ productId: 'p', price: money }] })).toBe(false);
    expect(validate({ orderId: 'o_1', total: money, discount: 1.5, items: [{ productId: 'p', price: money }] })).toBe(false);
    expect(validate({ orderId: 'o_1', total: { ...money, note: 'x' }, items: [{ productId: 'p', price: money }] })).toBe(false);
  });

  it('gives the same bytes when run twice, so codegen --check finds the written output up to date', async () => {
    const again = await generate(await loadContracts(sharedTypes));
    expect([...again]).toEqual([...files]);
    expect((await checkGenerated(out, again)).stale).toEqual([]);
  });

  it('refuses a reference to a version the folder does not hold, naming the file and line', async () => {
    const broken = structuredClone(folder);
    const payment = broken.subjects.find((s) => s.subject === 'payment.PaymentAuthorized')!.versions[0]!;
    payment.references = [{ name: 'common.Money/2.0.0', subject: 'common.Money', semver: '2.0.0', line: 7 }];
    const error = await generate(broken, { contractsDir: 'schemas' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as Error).message).toBe("schemas/payment.PaymentAuthorized/1.0.0.schema.json:7: $ref 'common.Money/2.0.0' cannot be resolved: common.Money has no version 2.0.0 (it has 1.0.0)");
  });

  it('refuses a fragment it cannot type or that points at nothing, naming the schema file', async () => {
    for (const [fragment, why] of [
      ['/properties/note', 'common.Money/1.0.0 has no property at that pointer'],
      ['/required/0', "'required' is not such a step"],
      ['/$defs/Cents', "common.Money/1.0.0 has no definition 'Cents'"],
    ]) {
      const broken = structuredClone(folder);
      const payment = broken.subjects.find((s) => s.subject === 'payment.PaymentAuthorized')!.versions[0]!;
      (payment.schema as { properties: Record<string, unknown> }).properties.amount = { $ref: `common.Money/1.0.0#${fragment}` };
      const error = await generate(broken).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractError);
      expect((error as Error).message).toBe(
        `payment.PaymentAuthorized/1.0.0.schema.json: $ref 'common.Money/1.0.0#${fragment}': codegen types a reference to a version, one of its top-level $defs, or a property or items under them; ${why}`,
      );
    }
  });
});
