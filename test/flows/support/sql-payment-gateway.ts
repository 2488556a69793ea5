import { randomUUID } from 'node:crypto';
import type { ChargeOutcome, GatewayLedger, PaymentGateway } from '../../../flows/saga/index.js';
import type { SqlDriver } from '../../../server/storage/sql-driver.js';

const schema = `
CREATE TABLE IF NOT EXISTS chaos_processor_charges (
  idempotency_key TEXT PRIMARY KEY,
  outcome         JSONB NOT NULL,
  order_id        TEXT NOT NULL,
  amount          DOUBLE PRECISION NOT NULL,
  currency        TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chaos_processor_refunds (
  idempotency_key TEXT PRIMARY KEY,
  payment_id      TEXT NOT NULL UNIQUE
);
`;

/**
 * The card processor of the process-kill chaos test: `fakePaymentGateway`'s rules, but its ledger in
 * tables written by autocommit statements outside the caller's transaction, so money moved before a
 * SIGKILL stays moved, as it would at a real processor. Both calls honour idempotency keys.
 */
export async function sqlPaymentGateway(db: SqlDriver, rules: { declineCustomers?: Iterable<string> } = {}): Promise<PaymentGateway> {
  await db.exec(schema);
  const declined = new Set(rules.declineCustomers ?? []);
  return {
    async charge({ orderId, customerId, amount, currency, idempotencyKey }) {
      const outcome: ChargeOutcome = declined.has(customerId) ? { approved: false, reason: 'card declined' } : { approved: true, paymentId: `pay_${randomUUID()}` };
      await db.query(
        'INSERT INTO chaos_processor_charges (idempotency_key, outcome, order_id, amount, currency) VALUES ($1, $2::jsonb, $3, $4, $5) ON CONFLICT (idempotency_key) DO NOTHING',
        [idempotencyKey, JSON.stringify(outcome), orderId, amount, currency],
      );
      // The first call's outcome, whichever call that was.
      const { rows } = await db.query<{ outcome: ChargeOutcome }>('SELECT outcome FROM chaos_processor_charges WHERE idempotency_key = $1', [idempotencyKey]);
      return rows[0].outcome;
    },
    async findCharge(idempotencyKey) {
      const { rows } = await db.query<{ outcome: ChargeOutcome; amount: number; currency: string }>('SELECT outcome, amount, currency FROM chaos_processor_charges WHERE idempotency_key = $1', [idempotencyKey]);
      const found = rows[0];
      return found?.outcome.approved === true ? { paymentId: found.outcome.paymentId, amount: found.amount, currency: found.currency } : undefined;
    },
    async refund(paymentId, idempotencyKey) {
      const { rows: known } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM chaos_processor_charges WHERE outcome->>'paymentId' = $1", [paymentId]);
      if (known[0].n === 0) throw new Error(`no charge ${paymentId} to refund`);
      await db.query(
        'INSERT INTO chaos_processor_refunds (idempotency_key, payment_id) VALUES ($1, $2) ON CONFLICT (idempotency_key) DO NOTHING',
        [idempotencyKey, paymentId],
      ).catch((error: { code?: string }) => {
        // The same payment refunded under another key: a real processor refuses it.
        if (error.code === '23505') throw new Error(`payment ${paymentId} already refunded`);
        throw error;
      });
    },
  };
}

/** What the processor did, in `fakePaymentGateway`'s ledger shape: approved charges and refunds. */
export async function sqlGatewayLedger(db: SqlDriver): Promise<Pick<GatewayLedger, 'charges' | 'refunded'>> {
  const { rows: charges } = await db.query<{ outcome: ChargeOutcome; order_id: string; amount: number }>('SELECT outcome, order_id, amount FROM chaos_processor_charges');
  const { rows: refunds } = await db.query<{ payment_id: string }>('SELECT payment_id FROM chaos_processor_refunds');
  return {
    charges: new Map(charges.flatMap((c) => (c.outcome.approved ? [[c.outcome.paymentId, { orderId: c.order_id, amount: c.amount }] as const] : []))),
    refunded: refunds.map((r) => r.payment_id),
  };
}
