import { Subscriber, type Envelope } from '../../client/index.js';
import { acceptFor, flowReaders } from '../contracts/readers.js';
import type { FlowSystem } from '../runtime/index.js';

/** Every event on the bus, as the narrator's own consumer group sees it, for telling what happened. */
export class EventTrail {
  readonly events: Envelope[] = [];

  static async follow(system: FlowSystem): Promise<EventTrail> {
    const trail = new EventTrail();
    const subscriber = new Subscriber({ codec: system.codec, transport: system.options.transport, group: 'demo-narrator' });
    for (const subject of Object.keys(flowReaders)) {
      await subscriber.subscribe(subject, { accept: acceptFor(subject) }, async (event) => void trail.events.push(event));
    }
    return trail;
  }

  /** The events about one order, in the order they arrived. */
  about(orderId: string): Envelope[] {
    return this.events.filter((e) => (e.data as { orderId?: string }).orderId === orderId);
  }
}

/** One line per event: what happened, in words. */
export function describeEvent(event: Envelope): string {
  const d = event.data as Record<string, unknown>;
  const v = `${event.schema.subject}@${event.schema.version}`;
  switch (event.eventType) {
    case 'OrderPlaced':
      return `${v}: ${d.customerId} ordered ${(d.items as unknown[]).length} line(s), total ${(d.pricing as { total: number }).total}`;
    case 'InventoryReserved':
      return `${v}: stock set aside (${d.reservationId})`;
    case 'InventoryReservationFailed':
      return `${v}: ${d.reason}`;
    case 'InventoryReservationCancelled':
      return `${v}: ${d.reservationId} released — ${d.reason}`;
    case 'PaymentProcessed':
      return `${v}: charged ${d.amount} ${d.currency} (${d.paymentId})`;
    case 'PaymentFailed':
      return `${v}: ${d.reason}`;
    case 'PaymentRefunded':
      return `${v}: refunded ${d.amount} (${d.paymentId})`;
    case 'OrderConfirmed':
      return `${v}: confirmed`;
    case 'OrderShipped':
      return `${v}: shipped with ${d.carrier}, tracking ${d.trackingNumber}`;
    case 'OrderCancelled':
      return `${v}: cancelled — ${d.reason}`;
    default:
      return `${v}`;
  }
}
