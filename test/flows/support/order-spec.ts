import { expect } from 'vitest';
import { decide, evolve, initialOrderState, type OrderCommand, type OrderDomainEvent, type OrderRuleName } from '../../../flows/order/index.js';

/**
 * Given/when/then for the Order decider: given past events, when a command, then the new events or
 * the rule it breaks. Nothing but the pure functions is involved.
 */
export function givenOrder(...history: OrderDomainEvent[]) {
  const state = history.reduce(evolve, initialOrderState);
  return {
    when(command: OrderCommand) {
      const decision = decide(command, state);
      return {
        then(...events: OrderDomainEvent[]) {
          expect(decision).toEqual({ ok: true, events });
        },
        thenRefuses(rule: OrderRuleName) {
          expect(decision).toMatchObject({ ok: false, rule });
        },
      };
    },
  };
}
