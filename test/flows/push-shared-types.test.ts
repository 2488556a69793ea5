import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCodec, RegistryClient, type Envelope } from '../../client/index.js';
import { pushContracts, type PushedVersion } from '../../flows/contracts/push-contracts.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { contractsDir } from './support/flow-world.js';

let registry: TestRegistry;
let client: RegistryClient;
let pushed: PushedVersion[];

beforeAll(async () => {
  registry = await startRegistry();
  client = new RegistryClient({ url: registry.url });
  pushed = await pushContracts(client, contractsDir);
});
afterAll(() => registry?.close());

describe('pushing the reference contracts, which share common.Money', () => {
  it('registers common.Money before every version that references it, each subject oldest first', () => {
    const at = (name: string) => pushed.findIndex((p) => `${p.subject}@${p.semver}` === name);
    expect(at('common.Money@1.0.0')).toBeGreaterThanOrEqual(0);
    expect(at('common.Money@1.0.0')).toBeLessThan(at('order.OrderPlaced@2.1.0'));
    expect(at('common.Money@1.0.0')).toBeLessThan(at('payment.PaymentRefunded@1.1.0'));
    expect(pushed.filter((p) => p.subject === 'order.OrderPlaced').map((p) => p.semver)).toEqual(['1.0.0', '1.1.0', '2.0.0', '2.1.0']);
  });

  it('sends each folder $ref as a Confluent reference to the registered version, which referencedby and impactOf then report', async () => {
    const money = pushed.find((p) => p.subject === 'common.Money')!;
    const order = await client.getVersion('order.OrderPlaced', '2.1.0');
    expect(order.references).toEqual([{ name: 'common.Money/1.0.0', subject: 'common.Money', version: money.version }]);
    const refund = await client.getVersion('payment.PaymentRefunded', '1.1.0');
    expect(refund.references).toEqual([{ name: 'common.Money/1.0.0', subject: 'common.Money', version: money.version }]);
    expect((await client.referencedBy('common.Money', '1.0.0')).sort((a, b) => a - b)).toEqual([order.id, refund.id].sort((a, b) => a - b));
    expect(await client.impactOf('common.Money', '1.0.0')).toEqual([
      { subject: 'order.OrderPlaced', version: order.version, direct: true },
      { subject: 'payment.PaymentRefunded', version: refund.version, direct: true },
    ]);
  });

  it('is idempotent: pushing again registers nothing new', async () => {
    const again = await pushContracts(client, contractsDir);
    expect(again).toEqual(pushed);
  });

  it('lets the SDK read an order written at 2.0.0 as 2.1.0 (same shape, Money now shared) and refuse a bad currency', async () => {
    const codec = new EventCodec({ registry: new RegistryClient({ url: registry.url }) });
    const data = { orderId: 'o_1', customerId: 'c_1', currency: 'EUR', items: [{ productId: 'p', quantity: 1, unitPrice: 25 }], pricing: { subtotal: 25, tax: 0, discount: 0, total: 25 } };
    const written = await codec.encode('order.OrderPlaced', data, { version: '2.0.0' });
    const read = await codec.decode(written, { accept: '^2.1.0' });
    expect(read.ok && read.event.schema.version).toBe('2.1.0');
    expect(read.ok && read.event.data).toEqual(data);
    const bad = { ...(written as Envelope), data: { ...data, currency: 'euro' } };
    expect((await codec.decode(bad, { accept: '^2.1.0' })).ok).toBe(false);
  });
});
