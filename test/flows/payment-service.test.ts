import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowSystem } from '../../flows/runtime/index.js';
import { fakePaymentGateway } from '../../flows/saga/index.js';
import type { TestRegistry } from '../support/registry.js';
import { flowBackends, registryWithContracts, startFlowSystem } from './support/flow-world.js';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await registryWithContracts();
});
afterAll(() => registry?.close());

const request = (orderId: string) => ({ orderId, customerId: 'cust_ada', reservationId: `res_${orderId}`, amount: 42, currency: 'EUR' });

// One database per backend is enough; the bus plays no part here.
const backends = flowBackends().filter((b) => b.transport.name === 'memory bus');

describe.each(backends)('payments and reservations racing a cancellation on $name', (backend) => {
  let system: FlowSystem;
  let dispose: () => Promise<void>;
  const gateway = fakePaymentGateway();

  beforeAll(async () => {
    ({ system, dispose } = await startFlowSystem(registry.url, backend, { gateway, stock: { sku_lamp: 1_000 } }));
  });
  afterAll(() => dispose?.());

  it('never leaves stock held or a charge standing for an order cancelled at the same moment', async () => {
    const orders = Array.from({ length: 40 }, (_, i) => `o_race_${i}`);
    await Promise.all(
      orders.flatMap((orderId) => [
        system.inventory.reserve({ orderId, customerId: 'cust_ada', items: [{ productId: 'sku_lamp', quantity: 2 }], amount: 42, currency: 'EUR' }),
        system.inventory.release(orderId, 'customer cancelled'),
        system.payment.charge(request(orderId)),
        system.payment.refund(orderId, 'customer cancelled'),
      ]),
    );
    // Whichever came first, the cancellation wins: nothing held, nothing charged without a refund.
    expect(await system.inventory.available('sku_lamp')).toBe(1_000);
    for (const orderId of orders) expect((await system.payment.paymentFor(orderId))?.status, orderId).not.toBe('charged');
    const refundedOrders = new Set(gateway.refunded.map((id) => gateway.charges.get(id)!.orderId));
    for (const [, charge] of gateway.charges) expect(refundedOrders.has(charge.orderId), charge.orderId).toBe(true);
  });

  it('refunds a charge the processor made before the process died, when the cancellation arrives first', async () => {
    const orderId = 'o_died_after_charge';
    // The payment handler dies after the processor answered, before its transaction commits.
    await expect(
      system.options.database.transaction(async (tx) => {
        await system.payment.charge(request(orderId), undefined, tx);
        throw new Error('process killed');
      }),
    ).rejects.toThrow('process killed');
    expect([...gateway.charges.values()].filter((c) => c.orderId === orderId)).toHaveLength(1);
    expect(await system.payment.paymentFor(orderId)).toBeUndefined();

    await system.payment.refund(orderId, 'customer cancelled');
    const [paymentId] = [...gateway.charges].find(([, c]) => c.orderId === orderId)!;
    expect(gateway.refunded).toContain(paymentId);
    expect(await system.payment.paymentFor(orderId)).toMatchObject({ paymentId, status: 'refunded' });
    // The redelivered InventoryReserved finds the refund: no second charge, no second refund.
    expect(await system.payment.charge(request(orderId))).toEqual({ ok: false, reason: 'payment is refunded' });
    expect([...gateway.charges.values()].filter((c) => c.orderId === orderId)).toHaveLength(1);
    expect(gateway.refunded.filter((id) => id === paymentId)).toHaveLength(1);
  });
});
