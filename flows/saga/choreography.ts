import { Subscriber, type EventCodec, type EventHandler, type Transport, type TransportSubscription } from '../../client/index.js';
import { acceptFor } from '../contracts/readers.js';
import {
  InventoryReservationCancelledV1Event,
  InventoryReservationFailedV1Event,
  InventoryReservedV1Event,
  OrderPlacedV2Event,
  PaymentFailedV1Event,
  PaymentProcessedV1Event,
  type InventoryReservationCancelledV1,
  type InventoryReservationFailedV1,
  type InventoryReservedV1,
  type OrderPlacedV2,
  type PaymentFailedV1,
  type PaymentProcessedV1,
} from '../generated/index.js';
import type { OrderService } from '../order/index.js';
import type { InventoryService } from './inventory-service.js';
import type { PaymentService } from './payment-service.js';
import { metadataFrom } from './cause.js';

export interface ChoreographyServices {
  codec: EventCodec;
  transport: Transport;
  orders: OrderService;
  inventory: InventoryService;
  payment: PaymentService;
}

/** The running choreography; `stop` closes every subscription (unacknowledged events are redelivered later). */
export interface Choreography {
  stop(): Promise<void>;
}

/**
 * The saga as choreography: no coordinator, each service reacts to the events it cares about.
 *
 *   OrderPlaced ──inventory──▶ InventoryReserved ──payment──▶ PaymentProcessed ──order──▶ OrderConfirmed
 *                    └────────▶ InventoryReservationFailed ─────────────────────order──▶ OrderCancelled
 *                                        PaymentFailed ──inventory──▶ InventoryReservationCancelled ──order──▶ OrderCancelled
 *
 * Each service subscribes as its own durable group, so each sees every event once (at least once:
 * the handlers are idempotent). A handler that throws leaves its event unacknowledged for redelivery.
 */
export async function startChoreography(services: ChoreographyServices): Promise<Choreography> {
  const { codec, transport, orders, inventory, payment } = services;
  const subscriptions: TransportSubscription[] = [];
  const group = (name: string) => new Subscriber({ codec, transport, group: name, retryDelayMs: 100 });
  const on = async <T>(subscriber: Subscriber, subject: string, handler: EventHandler<T>) => {
    subscriptions.push(await subscriber.subscribe<T>(subject, { accept: acceptFor(subject) }, handler));
  };

  const inventoryGroup = group('inventory-service');
  await on<OrderPlacedV2>(inventoryGroup, OrderPlacedV2Event.subject, async (event) => {
    const order = event.data;
    const items = order.items.map(({ productId, quantity }) => ({ productId, quantity }));
    await inventory.reserve({ orderId: order.orderId, customerId: order.customerId, items: items as InventoryReservedV1['items'], amount: order.pricing.total, currency: order.currency }, event);
  });
  await on<PaymentFailedV1>(inventoryGroup, PaymentFailedV1Event.subject, async (event) => {
    const failed = event.data;
    await inventory.release(failed.orderId, `payment failed: ${failed.reason}`, event);
  });

  const paymentGroup = group('payment-service');
  await on<InventoryReservedV1>(paymentGroup, InventoryReservedV1Event.subject, async (event) => {
    const { orderId, customerId, reservationId, amount, currency } = event.data;
    await payment.charge({ orderId, customerId, reservationId, amount, currency }, event);
  });

  // The order service's policy: turn other services' outcomes into commands on the aggregate. A
  // rule violation (already confirmed, already cancelled) means the work was done: acknowledge it.
  const orderGroup = group('order-service');
  await on<PaymentProcessedV1>(orderGroup, PaymentProcessedV1Event.subject, async (event) => {
    const { orderId, paymentId } = event.data;
    await orders.handle({ type: 'ConfirmOrder', orderId, paymentId }, metadataFrom(event, 'order-service'));
  });
  await on<InventoryReservationFailedV1>(orderGroup, InventoryReservationFailedV1Event.subject, async (event) => {
    const { orderId, reason } = event.data;
    await orders.handle({ type: 'CancelOrder', orderId, reason, cancelledBy: 'saga' }, metadataFrom(event, 'order-service'));
  });
  await on<InventoryReservationCancelledV1>(orderGroup, InventoryReservationCancelledV1Event.subject, async (event) => {
    const { orderId, reason } = event.data;
    await orders.handle({ type: 'CancelOrder', orderId, reason, cancelledBy: 'saga' }, metadataFrom(event, 'order-service'));
  });

  return {
    async stop() {
      await Promise.all(subscriptions.map((s) => s.close()));
    },
  };
}
