import type { OrderService, PlaceOrder } from '../order/index.js';
import type { InventoryService } from './inventory-service.js';
import type { PaymentService } from './payment-service.js';
import { stepDone, stepFailed, type SagaStep } from './saga-step.js';
import type { ShippingService } from './shipping-service.js';

/** What the orchestrated saga carries from step to step. */
export interface OrderProcessingContext {
  orderId: string;
  command: PlaceOrder;
  reservationId?: string;
  paymentId?: string;
  trackingNumber?: string;
}

export interface OrderProcessingServices {
  orders: OrderService;
  inventory: InventoryService;
  payment: PaymentService;
  shipping: ShippingService;
}

const sagaCorrelation = (orderId: string) => `order-processing-${orderId}`;
const placedBySaga = (orderId: string) => ({ source: 'order-processing-saga', correlationId: sagaCorrelation(orderId) });

/**
 * The reference design's order saga as named steps: place → reserve → charge → confirm → ship.
 * Compensations run in reverse: refund, release, cancel; the same three when the customer cancels
 * (`OrderProcessingSaga.cancel`), the order then cancelled by the customer.
 */
export function orderProcessingSteps({ orders, inventory, payment, shipping }: OrderProcessingServices): Array<SagaStep<OrderProcessingContext>> {
  const meta = { source: 'order-processing-saga' };
  return [
    {
      name: 'place-order',
      async run({ command }) {
        const result = await orders.handle(command, placedBySaga(command.orderId));
        if (result.ok) return stepDone;
        // Placed by this saga before a crash (the step ran, its progress was not saved): done.
        if (result.rule === 'ORDER_ALREADY_PLACED' && (await orders.placedWith(command.orderId)) === sagaCorrelation(command.orderId)) return stepDone;
        return stepFailed(result.message);
      },
      async compensate({ orderId }, reason, cause) {
        const result = await orders.handle({ type: 'CancelOrder', orderId, reason, cancelledBy: cause === 'cancellation' ? 'customer' : 'saga' }, meta);
        // Already cancelled, or never placed (a cancellation reached the saga before this step ran): nothing to undo.
        if (!result.ok && result.rule !== 'ORDER_ALREADY_CANCELLED' && result.rule !== 'ORDER_NOT_FOUND') throw new Error(result.message);
      },
    },
    {
      name: 'reserve-inventory',
      async run(context) {
        const order = await orders.get(context.orderId);
        if (order.status === 'none') return stepFailed(`order ${context.orderId} vanished`);
        const items = order.items.map(({ productId, quantity }) => ({ productId, quantity }));
        const result = await inventory.reserve({ orderId: order.orderId, customerId: order.customerId, items: items as [typeof items[number]], amount: order.total, currency: order.currency });
        if (!result.ok) return stepFailed(result.reason);
        context.reservationId = result.reservationId;
        return stepDone;
      },
      compensate: ({ orderId }, reason) => inventory.release(orderId, reason),
    },
    {
      name: 'process-payment',
      async run(context) {
        const order = await orders.get(context.orderId);
        if (order.status === 'none') return stepFailed(`order ${context.orderId} vanished`);
        const request = { orderId: order.orderId, customerId: order.customerId, reservationId: context.reservationId!, amount: order.total, currency: order.currency };
        const result = await payment.charge(request);
        if (!result.ok) return stepFailed(result.reason);
        context.paymentId = result.paymentId;
        return stepDone;
      },
      compensate: ({ orderId }, reason) => payment.refund(orderId, reason),
    },
    {
      name: 'confirm-order',
      async run({ orderId, paymentId }) {
        const result = await orders.handle({ type: 'ConfirmOrder', orderId, paymentId: paymentId! }, meta);
        return result.ok ? stepDone : stepFailed(result.message);
      },
      // Undone by place-order's compensation: a confirmed order may still be cancelled.
    },
    {
      name: 'ship-order',
      async run(context) {
        const shipment = await shipping.createShipment(context.orderId);
        const result = await orders.handle({ type: 'ShipOrder', orderId: context.orderId, ...shipment }, meta);
        if (!result.ok) return stepFailed(result.message);
        context.trackingNumber = shipment.trackingNumber;
        return stepDone;
      },
    },
  ];
}
