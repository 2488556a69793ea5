import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceOrder } from '../../flows/order/index.js';
import type { FlowSystem } from '../../flows/runtime/index.js';
import {
  fakePaymentGateway,
  memorySagaStore,
  OrderProcessingSaga,
  orderProcessingSteps,
  processingStreamId,
  sqlSagaStore,
  stepDone,
  stepFailed,
  type OrderProcessingContext,
  type SagaStep,
} from '../../flows/saga/index.js';
import type { TestRegistry } from '../support/registry.js';
import { eventually, registryWithContracts, startLocalFlowSystem } from './support/flow-world.js';

const place = (orderId: string, customerId = 'cust_ada'): PlaceOrder => ({
  type: 'PlaceOrder',
  orderId,
  customerId,
  items: [{ productId: 'sku_monitor', quantity: 1, unitPrice: 300 }],
  region: 'us-east',
});

describe('the orchestrated OrderProcessingSaga', () => {
  describe('with scripted steps', () => {
    const calls: string[] = [];
    const step = (name: string, behaviour: 'ok' | 'no' | 'throws' = 'ok', undo: 'ok' | 'throws' | 'none' = 'ok'): SagaStep<{ orderId: string }> => ({
      name,
      async run() {
        calls.push(`run ${name}`);
        if (behaviour === 'throws') throw new Error(`${name} exploded`);
        return behaviour === 'ok' ? stepDone : stepFailed(`${name} said no`);
      },
      ...(undo === 'none'
        ? {}
        : {
            async compensate() {
              calls.push(`undo ${name}`);
              if (undo === 'throws') throw new Error(`${name} cannot be undone`);
            },
          }),
    });

    it('runs every step in order and records nothing when all succeed', async () => {
      calls.length = 0;
      const recorded: unknown[] = [];
      const saga = new OrderProcessingSaga([step('a'), step('b')], async (f) => void recorded.push(f));
      expect(await saga.execute({ orderId: 'o' })).toEqual({ status: 'completed', steps: ['a', 'b'] });
      expect(calls).toEqual(['run a', 'run b']);
      expect(recorded).toEqual([]);
    });

    it('undoes the completed steps in reverse order when a step says no', async () => {
      calls.length = 0;
      const saga = new OrderProcessingSaga([step('a'), step('b', 'ok', 'none'), step('c'), step('d', 'no'), step('e')], async () => undefined);
      const outcome = await saga.execute({ orderId: 'o' });
      expect(calls).toEqual(['run a', 'run b', 'run c', 'run d', 'undo c', 'undo a']);
      expect(outcome).toEqual({ status: 'failed', orderId: 'o', failedStep: 'd', reason: 'd said no', compensated: ['c', 'a'], compensationFailures: [] });
    });

    it('keeps compensating past a compensation that fails, and records the failure as data', async () => {
      calls.length = 0;
      const recorded: unknown[] = [];
      const saga = new OrderProcessingSaga([step('a'), step('b', 'ok', 'throws'), step('c', 'throws')], async (f) => void recorded.push(f), { compensationAttempts: 3, compensationBackoffMs: 1 });
      const outcome = await saga.execute({ orderId: 'o' });
      // b's compensation is retried (3 attempts) before it is parked; a's still runs.
      expect(calls).toEqual(['run a', 'run b', 'run c', 'undo b', 'undo b', 'undo b', 'undo a']);
      const failure = { orderId: 'o', failedStep: 'c', reason: 'c exploded', compensated: ['a'], compensationFailures: [{ step: 'b', reason: 'b cannot be undone' }] };
      expect(outcome).toEqual({ status: 'failed', ...failure });
      expect(recorded).toEqual([failure]);
    });
    it('treats a step that does not answer by its deadline as failed, and compensates', async () => {
      calls.length = 0;
      const hanging: SagaStep<{ orderId: string }> = { name: 'slow', run: () => new Promise(() => undefined) };
      const saga = new OrderProcessingSaga([step('a'), hanging, step('c')], async () => undefined, { stepTimeoutMs: 50 });
      const outcome = await saga.execute({ orderId: 'o' });
      expect(outcome).toMatchObject({ status: 'failed', failedStep: 'slow', reason: 'step slow did not answer within 50 ms', compensated: ['a'] });
      expect(calls).toEqual(['run a', 'undo a']);
    });

    it('retries a failing compensation with backoff until it succeeds', async () => {
      let undoAttempts = 0;
      const flaky: SagaStep<{ orderId: string }> = {
        name: 'flaky',
        run: async () => stepDone,
        async compensate() {
          undoAttempts += 1;
          if (undoAttempts < 3) throw new Error('refund service busy');
        },
      };
      const saga = new OrderProcessingSaga([flaky, step('b', 'no')], async () => undefined, { compensationAttempts: 5, compensationBackoffMs: 1 });
      expect(await saga.execute({ orderId: 'o' })).toMatchObject({ status: 'failed', compensated: ['flaky'], compensationFailures: [] });
      expect(undoAttempts).toBe(3);
    });

    it('resumes an unfinished saga from its stored progress after the process died', async () => {
      calls.length = 0;
      const store = memorySagaStore<{ orderId: string }>();
      let dies = true;
      // The process dies while saving the progress after step b: b ran, but the store still says "next: b".
      const dying = { ...store, save: async (record: Parameters<typeof store.save>[0]) => {
        if (dies && record.nextStep === 2) {
          dies = false;
          throw new Error('process killed');
        }
        return store.save(record);
      } };
      await expect(new OrderProcessingSaga([step('a'), step('b'), step('c')], async () => undefined, { store: dying }).execute({ orderId: 'o' })).rejects.toThrow('process killed');
      expect((await store.unfinished()).map((r) => [r.status, r.nextStep])).toEqual([['running', 1]]);
      const restarted = new OrderProcessingSaga([step('a'), step('b'), step('c')], async () => undefined, { store });
      expect(await restarted.resume()).toEqual([{ status: 'completed', steps: ['a', 'b', 'c'] }]);
      // a ran once; b twice (steps are idempotent); nothing is left unfinished.
      expect(calls).toEqual(['run a', 'run b', 'run b', 'run c']);
      expect(await store.unfinished()).toEqual([]);
    });
  });

  describe('over the real services', () => {
    let registry: TestRegistry;
    let system: FlowSystem;

    beforeAll(async () => {
      registry = await registryWithContracts();
    });
    afterAll(() => registry.close());
    afterEach(() => system.close());

    it('places, reserves, charges, confirms and ships an order', async () => {
      system = await startLocalFlowSystem(registry.url, { stock: { sku_monitor: 3 } });
      const outcome = await (await system.orchestrator()).execute({ orderId: 'o_orch', command: place('o_orch') });
      expect(outcome).toEqual({ status: 'completed', steps: ['place-order', 'reserve-inventory', 'process-payment', 'confirm-order', 'ship-order'] });
      expect(await system.orders.get('o_orch')).toMatchObject({ status: 'shipped', trackingNumber: 'TRK00000001' });
      expect(await system.inventory.available('sku_monitor')).toBe(2);
    });

    it('when payment is declined, releases the stock and cancels the order, and records OrderProcessingFailed', async () => {
      system = await startLocalFlowSystem(registry.url, { stock: { sku_monitor: 3 }, gateway: fakePaymentGateway({ declineCustomers: ['cust_broke'] }) });
      const outcome = await (await system.orchestrator()).execute({ orderId: 'o_declined', command: place('o_declined', 'cust_broke') });
      expect(outcome).toMatchObject({ status: 'failed', failedStep: 'process-payment', reason: 'card declined', compensated: ['reserve-inventory', 'place-order'], compensationFailures: [] });
      expect(await system.orders.get('o_declined')).toMatchObject({ status: 'cancelled', cancelReason: 'process-payment failed: card declined' });
      expect(await system.inventory.available('sku_monitor')).toBe(3);
      const [recorded] = await system.store.readStream(processingStreamId('o_declined'));
      expect(recorded.schema).toMatchObject({ subject: 'order.OrderProcessingFailed', version: '1.0.0' });
    });

    it('when shipping fails and the warehouse is down, refunds, cancels, and records the reservation it could not release', async () => {
      const gateway = fakePaymentGateway();
      system = await startLocalFlowSystem(registry.url, { stock: { sku_monitor: 3 }, gateway });
      system.shipping.carriersUnavailable();
      const saga = await system.orchestrator();
      // The warehouse goes down after reserving, before compensation reaches it.
      const reserve = system.inventory.reserve.bind(system.inventory);
      system.inventory.reserve = async (...args) => {
        const result = await reserve(...args);
        system.inventory.goOffline();
        return result;
      };
      const outcome = await saga.execute({ orderId: 'o_stuck', command: place('o_stuck') });
      expect(outcome).toEqual({
        status: 'failed',
        orderId: 'o_stuck',
        failedStep: 'ship-order',
        reason: 'no carrier available for o_stuck',
        compensated: ['process-payment', 'place-order'],
        compensationFailures: [{ step: 'reserve-inventory', reason: 'warehouse system unavailable' }],
      });
      expect(gateway.refunded).toEqual(['pay_1']);
      expect((await system.orders.get('o_stuck')).status).toBe('cancelled');
      const [recorded] = await system.store.readStream(processingStreamId('o_stuck'));
      const decoded = await system.codec.decode(recorded, { accept: '^1.0.0' });
      expect(decoded).toMatchObject({ ok: true, event: { data: { compensationFailures: [{ step: 'reserve-inventory' }] } } });
    });

    it('cancelled by the customer mid-way, stops at the next step, refunds, releases the stock and cancels the order as the customer’s', async () => {
      const gateway = fakePaymentGateway();
      system = await startLocalFlowSystem(registry.url, { stock: { sku_monitor: 3 }, gateway });
      const saga = await system.orchestrator();
      // The charge waits at the processor until the customer's cancellation is stored.
      let charging!: () => void;
      const reachedCharge = new Promise<void>((resolve) => (charging = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const charge = system.payment.charge.bind(system.payment);
      system.payment.charge = async (...args) => {
        charging();
        await gate;
        return charge(...args);
      };
      const running = saga.execute({ orderId: 'o_changed_mind', command: place('o_changed_mind') });
      await reachedCharge;
      const cancelling = saga.cancel('o_changed_mind', 'customer changed their mind');
      await eventually(
        async () => (await system.options.database.query<{ r: string | null }>("SELECT record->>'cancelRequested' AS r FROM saga_instances WHERE id = 'o_changed_mind'")).rows[0]?.r,
        (r) => r !== null && r !== undefined,
      );
      release();
      const outcome = await running;
      expect(await cancelling).toEqual(outcome);
      expect(outcome).toEqual({ status: 'cancelled', reason: 'customer changed their mind', compensated: ['process-payment', 'reserve-inventory', 'place-order'], compensationFailures: [] });
      expect([...gateway.charges.keys()]).toEqual(['pay_1']);
      expect(gateway.refunded).toEqual(['pay_1']);
      expect(await system.inventory.available('sku_monitor')).toBe(3);
      const history = await system.store.readStream('order-o_changed_mind');
      expect(history.map((e) => e.eventType)).toEqual(['OrderPlaced', 'OrderCancelled']);
      expect(history[1].data).toMatchObject({ reason: 'customer changed their mind', cancelledBy: 'customer' });
      // A cancellation fully undone is not a processing failure: nothing recorded for on-call.
      expect(await system.store.readStream(processingStreamId('o_changed_mind'))).toEqual([]);
    });

    it('carries out a cancellation of a saga whose process died, undoing the step that ran before the crash too', async () => {
      const gateway = fakePaymentGateway();
      system = await startLocalFlowSystem(registry.url, { stock: { sku_monitor: 3 }, gateway });
      const steps = orderProcessingSteps({ orders: system.orders, inventory: system.inventory, payment: system.payment, shipping: system.shipping });
      const store = await sqlSagaStore<OrderProcessingContext>(system.options.database, 'order-processing');
      // The process dies saving the progress after the charge: the store still says "next: process-payment".
      const dying = { ...store, save: async (record: Parameters<typeof store.save>[0]) => (record.nextStep === 3 ? Promise.reject(new Error('process killed')) : store.save(record)) };
      await expect(new OrderProcessingSaga(steps, async () => undefined, { store: dying }).execute({ orderId: 'o_orphan', command: place('o_orphan') })).rejects.toThrow('process killed');
      expect(gateway.charges.size).toBe(1);

      const outcome = await (await system.orchestrator()).cancel('o_orphan', 'customer called support');
      expect(outcome).toMatchObject({ status: 'cancelled', compensated: ['process-payment', 'reserve-inventory', 'place-order'], compensationFailures: [] });
      expect(gateway.refunded).toEqual(['pay_1']);
      expect(await system.inventory.available('sku_monitor')).toBe(3);
      expect(await system.orders.get('o_orphan')).toMatchObject({ status: 'cancelled' });
      expect(await store.unfinished()).toEqual([]);
    });

    it('answers a cancellation after shipping with the completed outcome and changes nothing; an unknown saga with undefined', async () => {
      const gateway = fakePaymentGateway();
      system = await startLocalFlowSystem(registry.url, { stock: { sku_monitor: 3 }, gateway });
      const saga = await system.orchestrator();
      await saga.execute({ orderId: 'o_shipped', command: place('o_shipped') });
      expect(await saga.cancel('o_shipped', 'too late')).toMatchObject({ status: 'completed' });
      expect(await system.orders.get('o_shipped')).toMatchObject({ status: 'shipped' });
      expect(gateway.refunded).toEqual([]);
      expect(await system.inventory.available('sku_monitor')).toBe(2);
      expect(await saga.cancel('o_nobody', 'no such order')).toBeUndefined();
    });

    it('refuses to place the same order twice and compensates nothing', async () => {
      system = await startLocalFlowSystem(registry.url, { stock: { sku_monitor: 3 } });
      await system.orders.handle(place('o_twice'));
      const outcome = await (await system.orchestrator()).execute({ orderId: 'o_twice', command: place('o_twice') });
      expect(outcome).toMatchObject({ status: 'failed', failedStep: 'place-order', compensated: [], compensationFailures: [] });
      expect((await system.orders.get('o_twice')).status).toBe('placed');
    });
  });
});
