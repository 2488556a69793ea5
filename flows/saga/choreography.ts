import { Subscriber, type EventCodec, type EventHandler, type Inbox, type Transport, type TransportSubscription } from '../../client/index.js';
import type { SqlExecutor } from '../../server/storage/sql-driver.js';
import { declareConsumerGroups } from '../contracts/consumer-groups.js';
import { acceptFor } from '../contracts/readers.js';
import {
  InventoryReservationCancelledV1Event,
  InventoryReservationFailedV1Event,
  InventoryReservedV1Event,
  OrderCancelledV1Event,
  OrderPlacedV2Event,
  PaymentFailedV1Event,
  PaymentProcessedV1Event,
  type InventoryReservationCancelledV1,
  type InventoryReservationFailedV1,
  type InventoryReservedV1,
  type OrderCancelledV1,
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
  inbox: Inbox;
  orders: OrderService;
  inventory: InventoryService;
  payment: PaymentService;
  /** Deliveries before a handler's event is dead-lettered. Default 20. */
  maxDeliveries?: number;
  /** First redelivery delay after a failed handler. Default 50 ms. */
  retryDelayMs?: number;
  onError?: ConstructorParameters<typeof Subscriber>[0]['onError'];
}

/** The running choreography; `stop` closes every subscription (unacknowledged events are redelivered later). */
export interface Choreography {
  stop(): Promise<void>;
}

/** The durable consumer groups the choreography subscribes as, per subject: what it declares to the registry. */
export const choreographyGroups = {
  'inventory-service': [OrderPlacedV2Event.subject, PaymentFailedV1Event.subject, OrderCancelledV1Event.subject],
  'payment-service': [InventoryReservedV1Event.subject, OrderCancelledV1Event.subject],
  'order-service': [PaymentProcessedV1Event.subject, InventoryReservationFailedV1Event.subject, InventoryReservationCancelledV1Event.subject],
} as const;

/**
 * The saga as choreography: no coordinator, each service reacts to the events it cares about.
 *
 *   OrderPlaced ──inventory──▶ InventoryReserved ──payment──▶ PaymentProcessed ──order──▶ OrderConfirmed
 *                    └────────▶ InventoryReservationFailed ─────────────────────order──▶ OrderCancelled
 *                                        PaymentFailed ──inventory──▶ InventoryReservationCancelled ──order──▶ OrderCancelled
 *   OrderCancelled (by the customer) ──inventory──▶ release stock    ──payment──▶ refund
 *
 * Each handler runs in one transaction holding its inbox record, its state change and its outgoing
 * events (outbox): a redelivery, even after a restart, finds the inbox record and does nothing; a
 * crash or a failed publish before the commit leaves nothing behind, and the redelivery does it all.
 * The relay publishes the outgoing events after the commit.
 */
export async function startChoreography(services: ChoreographyServices): Promise<Choreography> {
  const { codec, transport, inbox, orders, inventory, payment } = services;
  // Declared first, so the registry (and `charter check --registry`) knows what these groups read
  // before they read anything: a breaking change to one of these subjects is then refused.
  await declareConsumerGroups(codec.registry, choreographyGroups);
  const subscriptions: TransportSubscription[] = [];
  const group = (name: keyof typeof choreographyGroups) =>
    new Subscriber({ codec, transport, group: name, retryDelayMs: services.retryDelayMs ?? 50, maxDeliveries: services.maxDeliveries ?? 20, onError: services.onError });
  const on = async <T>(subscriber: Subscriber, consumer: string, subject: string, work: (event: Parameters<EventHandler<T>>[0], tx: SqlExecutor) => Promise<unknown>) => {
    subscriptions.push(await subscriber.subscribe<T>(subject, { accept: acceptFor(subject) }, inbox.handler<T>(`${consumer}:${subject}`, work)));
  };

  const inventoryGroup = group('inventory-service');
  await on<OrderPlacedV2>(inventoryGroup, 'inventory-service', OrderPlacedV2Event.subject, async (event, tx) => {
    const order = event.data;
    const items = order.items.map(({ productId, quantity }) => ({ productId, quantity }));
    await inventory.reserve({ orderId: order.orderId, customerId: order.customerId, items: items as InventoryReservedV1['items'], amount: order.pricing.total, currency: order.currency }, event, tx);
  });
  await on<PaymentFailedV1>(inventoryGroup, 'inventory-service', PaymentFailedV1Event.subject, async (event, tx) => {
    await inventory.release(event.data.orderId, `payment failed: ${event.data.reason}`, event, tx);
  });
  await on<OrderCancelledV1>(inventoryGroup, 'inventory-service', OrderCancelledV1Event.subject, async (event, tx) => {
    await inventory.release(event.data.orderId, `order cancelled: ${event.data.reason}`, event, tx);
  });

  const paymentGroup = group('payment-service');
  await on<InventoryReservedV1>(paymentGroup, 'payment-service', InventoryReservedV1Event.subject, async (event, tx) => {
    const { orderId, customerId, reservationId, amount, currency } = event.data;
    await payment.charge({ orderId, customerId, reservationId, amount, currency }, event, tx);
  });
  await on<OrderCancelledV1>(paymentGroup, 'payment-service', OrderCancelledV1Event.subject, async (event, tx) => {
    await payment.refund(event.data.orderId, `order cancelled: ${event.data.reason}`, event, tx);
  });

  // The order service's policy: turn other services' outcomes into commands on the aggregate. A
  // rule violation (already confirmed, already cancelled) means the work was done: acknowledge it.
  const orderGroup = group('order-service');
  await on<PaymentProcessedV1>(orderGroup, 'order-service', PaymentProcessedV1Event.subject, async (event, tx) => {
    const { orderId, paymentId } = event.data;
    await orders.handle({ type: 'ConfirmOrder', orderId, paymentId }, metadataFrom(event, 'order-service'), tx);
  });
  await on<InventoryReservationFailedV1>(orderGroup, 'order-service', InventoryReservationFailedV1Event.subject, async (event, tx) => {
    const { orderId, reason } = event.data;
    await orders.handle({ type: 'CancelOrder', orderId, reason, cancelledBy: 'saga' }, metadataFrom(event, 'order-service'), tx);
  });
  await on<InventoryReservationCancelledV1>(orderGroup, 'order-service', InventoryReservationCancelledV1Event.subject, async (event, tx) => {
    const { orderId, reason } = event.data;
    await orders.handle({ type: 'CancelOrder', orderId, reason, cancelledBy: 'saga' }, metadataFrom(event, 'order-service'), tx);
  });

  return {
    async stop() {
      await Promise.all(subscriptions.map((s) => s.close()));
    },
  };
}
