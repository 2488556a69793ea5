import { describe, expect, it } from 'vitest';
import { evolve, initialOrderState, priceOrder, type OrderDomainEvent, type PlaceOrder } from '../../flows/order/index.js';
import { givenOrder } from './support/order-spec.js';

const place: PlaceOrder = {
  type: 'PlaceOrder',
  orderId: 'order_1',
  customerId: 'cust_ada',
  items: [{ productId: 'sku_keyboard', quantity: 2, unitPrice: 49.99 }],
  taxRate: 0.08,
  discount: 10,
  region: 'eu-west',
};

const placed: OrderDomainEvent = {
  type: 'OrderPlaced',
  data: {
    orderId: 'order_1',
    customerId: 'cust_ada',
    currency: 'USD',
    items: [{ productId: 'sku_keyboard', quantity: 2, unitPrice: 49.99 }],
    pricing: { subtotal: 99.98, tax: 8, discount: 10, total: 97.98 },
    region: 'eu-west',
  },
};
const confirmed: OrderDomainEvent = { type: 'OrderConfirmed', data: { orderId: 'order_1', paymentId: 'pay_1' } };
const shipped: OrderDomainEvent = { type: 'OrderShipped', data: { orderId: 'order_1', trackingNumber: 'TRK1', carrier: 'UPS' } };
const cancelled: OrderDomainEvent = { type: 'OrderCancelled', data: { orderId: 'order_1', reason: 'changed my mind', cancelledBy: 'customer' } };

describe('the Order aggregate', () => {
  describe('placing', () => {
    it('places a new order priced from its items, tax and discount', () => {
      givenOrder().when(place).then(placed);
    });

    it('refuses to place the same order twice', () => {
      givenOrder(placed).when(place).thenRefuses('ORDER_ALREADY_PLACED');
    });

    it('refuses an order without items', () => {
      givenOrder().when({ ...place, items: [] }).thenRefuses('ORDER_HAS_NO_ITEMS');
    });
  });

  describe('confirming', () => {
    it('confirms a placed order with its payment', () => {
      givenOrder(placed).when({ type: 'ConfirmOrder', orderId: 'order_1', paymentId: 'pay_1' }).then(confirmed);
    });

    it('refuses to confirm an order that does not exist', () => {
      givenOrder().when({ type: 'ConfirmOrder', orderId: 'order_1', paymentId: 'pay_1' }).thenRefuses('ORDER_NOT_FOUND');
    });

    it('refuses to confirm a cancelled order', () => {
      givenOrder(placed, cancelled).when({ type: 'ConfirmOrder', orderId: 'order_1', paymentId: 'pay_1' }).thenRefuses('ORDER_ALREADY_CANCELLED');
    });

    it('refuses to confirm twice', () => {
      givenOrder(placed, confirmed).when({ type: 'ConfirmOrder', orderId: 'order_1', paymentId: 'pay_2' }).thenRefuses('ORDER_NOT_PENDING');
    });
  });

  describe('shipping', () => {
    const ship = { type: 'ShipOrder', orderId: 'order_1', trackingNumber: 'TRK1', carrier: 'UPS' } as const;

    it('ships a confirmed order', () => {
      givenOrder(placed, confirmed).when(ship).then(shipped);
    });

    it('refuses to ship an order that is only placed', () => {
      givenOrder(placed).when(ship).thenRefuses('ORDER_NOT_CONFIRMED');
    });

    it('refuses to ship a cancelled order', () => {
      givenOrder(placed, confirmed, cancelled).when(ship).thenRefuses('ORDER_ALREADY_CANCELLED');
    });

    it('refuses to ship twice', () => {
      givenOrder(placed, confirmed, shipped).when(ship).thenRefuses('ORDER_ALREADY_SHIPPED');
    });
  });

  describe('cancelling', () => {
    const cancel = { type: 'CancelOrder', orderId: 'order_1', reason: 'changed my mind', cancelledBy: 'customer' } as const;

    it('cancels a placed order', () => {
      givenOrder(placed).when(cancel).then(cancelled);
    });

    it('cancels a confirmed order that has not shipped', () => {
      givenOrder(placed, confirmed).when(cancel).then(cancelled);
    });

    it('refuses to cancel after shipping', () => {
      givenOrder(placed, confirmed, shipped).when(cancel).thenRefuses('ORDER_ALREADY_SHIPPED');
    });

    it('refuses to cancel twice', () => {
      givenOrder(placed, cancelled).when(cancel).thenRefuses('ORDER_ALREADY_CANCELLED');
    });
  });

  it('rebuilds its state from history', () => {
    const state = [placed, confirmed, shipped].reduce(evolve, initialOrderState);
    expect(state).toMatchObject({ status: 'shipped', total: 97.98, paymentId: 'pay_1', trackingNumber: 'TRK1', region: 'eu-west' });
  });

  it('prices in cents, so sums of decimals do not drift', () => {
    expect(priceOrder([{ productId: 'a', quantity: 3, unitPrice: 0.1 }, { productId: 'b', quantity: 1, unitPrice: 0.2 }])).toEqual({ subtotal: 0.5, tax: 0, discount: 0, total: 0.5 });
    expect(priceOrder([{ productId: 'a', quantity: 1, unitPrice: 5 }], { discount: 20 })).toEqual({ subtotal: 5, tax: 0, discount: 5, total: 0 });
  });
});
