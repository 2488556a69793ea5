import type { OrderCommand } from './order-commands.js';
import type { OrderState } from './order-state.js';

/** A business rule a command broke: expected, so it is data (with a stable code), not an exception. */
export interface OrderRuleViolation {
  rule: OrderRuleName;
  message: string;
}

export type OrderRuleName =
  | 'ORDER_ALREADY_PLACED'
  | 'ORDER_HAS_NO_ITEMS'
  | 'ORDER_NOT_FOUND'
  | 'ORDER_NOT_PENDING'
  | 'ORDER_NOT_CONFIRMED'
  | 'ORDER_ALREADY_SHIPPED'
  | 'ORDER_ALREADY_CANCELLED';

interface OrderRule {
  name: OrderRuleName;
  /** The commands it guards. */
  appliesTo: ReadonlyArray<OrderCommand['type']>;
  /** True when the command may proceed. */
  holds(state: OrderState, command: OrderCommand): boolean;
  message(state: OrderState, command: OrderCommand): string;
}

/** The Order's invariants, checked in this order; the first that fails is reported. */
export const orderRules: readonly OrderRule[] = [
  {
    name: 'ORDER_ALREADY_PLACED',
    appliesTo: ['PlaceOrder'],
    holds: (state) => state.status === 'none',
    message: (_, c) => `order ${c.orderId} was already placed: an order is placed once`,
  },
  {
    name: 'ORDER_HAS_NO_ITEMS',
    appliesTo: ['PlaceOrder'],
    holds: (_, c) => c.type === 'PlaceOrder' && c.items.length > 0,
    message: (_, c) => `order ${c.orderId} has no items`,
  },
  {
    name: 'ORDER_NOT_FOUND',
    appliesTo: ['ConfirmOrder', 'ShipOrder', 'CancelOrder'],
    holds: (state) => state.status !== 'none',
    message: (_, c) => `order ${c.orderId} does not exist`,
  },
  {
    name: 'ORDER_ALREADY_CANCELLED',
    appliesTo: ['ConfirmOrder', 'ShipOrder', 'CancelOrder'],
    holds: (state) => state.status !== 'cancelled',
    message: (_, c) => `order ${c.orderId} is cancelled`,
  },
  {
    name: 'ORDER_ALREADY_SHIPPED',
    appliesTo: ['CancelOrder', 'ShipOrder'],
    holds: (state) => state.status !== 'shipped',
    message: (_, c) => `order ${c.orderId} has shipped: it can no longer be ${c.type === 'CancelOrder' ? 'cancelled' : 'shipped again'}`,
  },
  {
    name: 'ORDER_NOT_PENDING',
    appliesTo: ['ConfirmOrder'],
    holds: (state) => state.status === 'placed',
    message: (state, c) => `order ${c.orderId} is ${state.status}: only a placed order can be confirmed`,
  },
  {
    name: 'ORDER_NOT_CONFIRMED',
    appliesTo: ['ShipOrder'],
    holds: (state) => state.status === 'confirmed',
    message: (state, c) => `order ${c.orderId} is ${state.status}: only a confirmed order ships`,
  },
];

/** The first rule `command` breaks in `state`, if any. */
export function brokenRule(state: OrderState, command: OrderCommand): OrderRuleViolation | undefined {
  const rule = orderRules.find((r) => r.appliesTo.includes(command.type) && !r.holds(state, command));
  return rule === undefined ? undefined : { rule: rule.name, message: rule.message(state, command) };
}
