/** What a card processor answers. A decline is an outcome, not an error. */
export type ChargeOutcome = { approved: true; paymentId: string } | { approved: false; reason: string };

export interface PaymentGateway {
  charge(request: { orderId: string; customerId: string; amount: number; currency: string }): Promise<ChargeOutcome>;
  refund(paymentId: string): Promise<void>;
}

/**
 * A deterministic stand-in for a card processor: declines customers on a list and amounts above a
 * limit, approves everything else. Refunds of unknown payments throw, like a real processor would.
 */
export function fakePaymentGateway(rules: { declineCustomers?: Iterable<string>; limit?: number } = {}): PaymentGateway & { refunded: string[] } {
  const declined = new Set(rules.declineCustomers ?? []);
  const charged = new Set<string>();
  const refunded: string[] = [];
  let sequence = 0;
  return {
    refunded,
    async charge({ customerId, amount }) {
      if (declined.has(customerId)) return { approved: false, reason: 'card declined' };
      if (rules.limit !== undefined && amount > rules.limit) return { approved: false, reason: `amount ${amount} exceeds the card limit` };
      const paymentId = `pay_${++sequence}`;
      charged.add(paymentId);
      return { approved: true, paymentId };
    },
    async refund(paymentId) {
      if (!charged.delete(paymentId)) throw new Error(`no charge ${paymentId} to refund`);
      refunded.push(paymentId);
    },
  };
}
