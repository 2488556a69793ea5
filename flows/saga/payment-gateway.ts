/** What a card processor answers. A decline is an outcome, not an error. */
export type ChargeOutcome = { approved: true; paymentId: string } | { approved: false; reason: string };

/**
 * A card processor. Both calls take an idempotency key, as real processors do: a call repeated with
 * the same key (a redelivery after a crash between the charge and the commit) returns the first
 * call's outcome and moves no money.
 */
export interface PaymentGateway {
  charge(request: { orderId: string; customerId: string; amount: number; currency: string; idempotencyKey: string }): Promise<ChargeOutcome>;
  refund(paymentId: string, idempotencyKey: string): Promise<void>;
  /**
   * The outcome of an earlier charge made with this key, or undefined when there was none: the
   * processor is the truth about money (real ones let you look a payment up by your reference). Only
   * approved charges are found.
   * How a cancellation finds a charge whose answer the service never recorded (it died first).
   */
  findCharge(idempotencyKey: string): Promise<FoundCharge | undefined>;
}

/** An approved charge as the processor recorded it. */
export interface FoundCharge {
  paymentId: string;
  amount: number;
  currency: string;
}

/** What the fake processor has done, for tests and the demo to check the money. */
export interface GatewayLedger {
  /** Payment ids refunded, in order. */
  refunded: string[];
  /** Money actually moved: one entry per distinct charge. */
  charges: Map<string, { orderId: string; amount: number }>;
  /** Calls made, including repeats answered from the idempotency record. */
  calls: number;
}

/**
 * A deterministic stand-in for a card processor: declines customers on a list and amounts above a
 * limit, approves everything else, and honours idempotency keys. Refunds of unknown payments throw,
 * like a real processor would.
 */
export function fakePaymentGateway(rules: { declineCustomers?: Iterable<string>; limit?: number } = {}): PaymentGateway & GatewayLedger {
  const declined = new Set(rules.declineCustomers ?? []);
  const charges = new Map<string, { orderId: string; amount: number }>();
  const byKey = new Map<string, ChargeOutcome>();
  const found = new Map<string, FoundCharge>();
  const refundKeys = new Set<string>();
  const refunded: string[] = [];
  let sequence = 0;
  const ledger = {
    refunded,
    charges,
    calls: 0,
    async charge({ orderId, customerId, amount, currency, idempotencyKey }: Parameters<PaymentGateway['charge']>[0]): Promise<ChargeOutcome> {
      ledger.calls += 1;
      const previous = byKey.get(idempotencyKey);
      if (previous !== undefined) return previous;
      let outcome: ChargeOutcome;
      if (declined.has(customerId)) outcome = { approved: false, reason: 'card declined' };
      else if (rules.limit !== undefined && amount > rules.limit) outcome = { approved: false, reason: `amount ${amount} exceeds the card limit` };
      else {
        outcome = { approved: true, paymentId: `pay_${++sequence}` };
        charges.set(outcome.paymentId, { orderId, amount });
        found.set(idempotencyKey, { paymentId: outcome.paymentId, amount, currency });
      }
      byKey.set(idempotencyKey, outcome);
      return outcome;
    },
    async findCharge(idempotencyKey: string): Promise<FoundCharge | undefined> {
      ledger.calls += 1;
      return found.get(idempotencyKey);
    },
    async refund(paymentId: string, idempotencyKey: string): Promise<void> {
      ledger.calls += 1;
      if (refundKeys.has(idempotencyKey)) return;
      if (!charges.has(paymentId) || refunded.includes(paymentId)) throw new Error(`no charge ${paymentId} to refund`);
      refundKeys.add(idempotencyKey);
      refunded.push(paymentId);
    },
  };
  return ledger;
}
