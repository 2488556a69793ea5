import type { OrderCancelledV1, OrderPlacedV2 } from '../generated/index.js';
import type { LineItem } from './order-state.js';

export interface PlaceOrder {
  type: 'PlaceOrder';
  orderId: string;
  customerId: string;
  items: LineItem[];
  currency?: string;
  /** e.g. 0.08 for 8 %. */
  taxRate?: number;
  discount?: number;
  region?: string;
  shippingAddress?: OrderPlacedV2['shippingAddress'];
}

export interface ConfirmOrder {
  type: 'ConfirmOrder';
  orderId: string;
  paymentId: string;
}

export interface ShipOrder {
  type: 'ShipOrder';
  orderId: string;
  trackingNumber: string;
  carrier: string;
}

export interface CancelOrder {
  type: 'CancelOrder';
  orderId: string;
  reason: string;
  cancelledBy?: OrderCancelledV1['cancelledBy'];
}

export type OrderCommand = PlaceOrder | ConfirmOrder | ShipOrder | CancelOrder;
