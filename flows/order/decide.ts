import type { OrderPlacedV2 } from '../generated/index.js';
import type { OrderDomainEvent } from './order-events.js';
import type { OrderCommand } from './order-commands.js';
import { brokenRule, type OrderRuleViolation } from './order-rules.js';
import type { OrderState } from './order-state.js';
import { priceOrder } from './pricing.js';

export type Decision = { ok: true; events: OrderDomainEvent[] } | ({ ok: false } & OrderRuleViolation);

/**
 * The Order's behaviour: given its state, what a command produces. Pure, so the given/when/then
 * specs need no database, registry or bus.
 */
export function decide(command: OrderCommand, state: OrderState): Decision {
  const violation = brokenRule(state, command);
  if (violation !== undefined) return { ok: false, ...violation };
  switch (command.type) {
    case 'PlaceOrder': {
      const { orderId, customerId, items, region, shippingAddress } = command;
      const data: OrderPlacedV2 = {
        orderId,
        customerId,
        currency: command.currency ?? 'USD',
        // Non-empty: ORDER_HAS_NO_ITEMS was checked above.
        items: items as OrderPlacedV2['items'],
        pricing: priceOrder(items, { taxRate: command.taxRate, discount: command.discount }),
        ...(region === undefined ? {} : { region }),
        ...(shippingAddress === undefined ? {} : { shippingAddress }),
      };
      return { ok: true, events: [{ type: 'OrderPlaced', data }] };
    }
    case 'ConfirmOrder':
      return { ok: true, events: [{ type: 'OrderConfirmed', data: { orderId: command.orderId, paymentId: command.paymentId } }] };
    case 'ShipOrder': {
      const { orderId, trackingNumber, carrier } = command;
      return { ok: true, events: [{ type: 'OrderShipped', data: { orderId, trackingNumber, carrier } }] };
    }
    case 'CancelOrder': {
      const { orderId, reason, cancelledBy } = command;
      return { ok: true, events: [{ type: 'OrderCancelled', data: { orderId, reason, ...(cancelledBy === undefined ? {} : { cancelledBy }) } }] };
    }
  }
}
