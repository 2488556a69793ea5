import type { OrderPlacedV2 } from '../generated/index.js';
import type { OrderDomainEvent } from './order-events.js';

export type OrderStatus = 'placed' | 'confirmed' | 'shipped' | 'cancelled';

export type LineItem = OrderPlacedV2['items'][number];

/** What the aggregate remembers: only what its rules need, plus what the narrative shows. */
export type OrderState =
  | { status: 'none' }
  | {
      status: OrderStatus;
      orderId: string;
      customerId: string;
      currency: string;
      items: LineItem[];
      total: number;
      region?: string;
      paymentId?: string;
      trackingNumber?: string;
      cancelReason?: string;
    };

export const initialOrderState: OrderState = { status: 'none' };

/** Folds one event into the state. Pure: loading is `events.reduce(evolve, initialOrderState)`. */
export function evolve(state: OrderState, event: OrderDomainEvent): OrderState {
  switch (event.type) {
    case 'OrderPlaced': {
      const { orderId, customerId, currency, items, pricing, region } = event.data;
      return { status: 'placed', orderId, customerId, currency, items, total: pricing.total, ...(region === undefined ? {} : { region }) };
    }
    case 'OrderConfirmed':
      return state.status === 'none' ? state : { ...state, status: 'confirmed', paymentId: event.data.paymentId };
    case 'OrderShipped':
      return state.status === 'none' ? state : { ...state, status: 'shipped', trackingNumber: event.data.trackingNumber };
    case 'OrderCancelled':
      return state.status === 'none' ? state : { ...state, status: 'cancelled', cancelReason: event.data.reason };
  }
}
