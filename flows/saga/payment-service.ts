import type { Envelope, EventCodec, Outbox } from '../../client/index.js';
import type { SqlDriver, SqlExecutor } from '../../server/storage/sql-driver.js';
import { PaymentFailedV1Event, PaymentProcessedV1Event, PaymentRefundedV1Event } from '../generated/index.js';
import { metadataFrom } from './cause.js';
import { emit } from './emit.js';
import { lockOrder } from './order-lock.js';
import type { PaymentGateway } from './payment-gateway.js';

export interface ChargeRequest {
  orderId: string;
  customerId: string;
  reservationId: string;
  amount: number;
  currency: string;
}

export type ChargeResult = { ok: true; paymentId: string } | { ok: false; reason: string };

export interface PaymentServiceOptions {
  db: SqlDriver;
  codec: EventCodec;
  outbox: Outbox;
  gateway: PaymentGateway;
}

/**
 * The payment service: charges through a gateway and says what happened as events. The payment row
 * and its event commit together (outbox); the gateway is called with the order's idempotency key,
 * so a charge repeated after a crash between the gateway's answer and the commit moves no money
 * twice. Idempotent per order: a redelivered InventoryReserved never charges twice.
 */
/** ISO 4217's code for "no currency": what a refund tombstone (no payment yet) records. */
const NO_CURRENCY = 'XXX';

export class PaymentService {
  private readonly source = 'payment-service';

  constructor(private readonly deps: PaymentServiceOptions) {}

  async charge(request: ChargeRequest, cause?: Envelope, tx?: SqlExecutor): Promise<ChargeResult> {
    if (tx === undefined) return this.deps.db.transaction((t) => this.charge(request, cause, t));
    const { orderId, customerId, amount, currency, reservationId } = request;
    const existing = await this.payment(orderId, tx);
    if (existing?.status === 'charged') return { ok: true, paymentId: existing.payment_id! };
    if (existing !== undefined) return { ok: false, reason: `payment is ${existing.status}` };
    const metadata = metadataFrom(cause, this.source);
    const outcome = await this.deps.gateway.charge({ orderId, customerId, amount, currency, idempotencyKey: `charge-${orderId}` });
    if (!outcome.approved) {
      await tx.query("INSERT INTO payments (order_id, amount, currency, status) VALUES ($1, $2, $3, 'declined')", [orderId, amount, currency]);
      await emit(this.deps, tx, PaymentFailedV1Event, { orderId, reservationId, amount, reason: outcome.reason }, { aggregateId: orderId, metadata });
      return { ok: false, reason: outcome.reason };
    }
    await tx.query("INSERT INTO payments (order_id, payment_id, amount, currency, status) VALUES ($1, $2, $3, $4, 'charged')", [orderId, outcome.paymentId, amount, currency]);
    await emit(this.deps, tx, PaymentProcessedV1Event, { orderId, paymentId: outcome.paymentId, amount, currency }, { aggregateId: outcome.paymentId, metadata });
    return { ok: true, paymentId: outcome.paymentId };
  }

  /**
   * Refunds the order's payment (compensation, or the customer cancelled); nothing to refund is not
   * an error. With no payment yet, it leaves a tombstone so a charge arriving later is refused.
   */
  async refund(orderId: string, reason: string, cause?: Envelope, tx?: SqlExecutor): Promise<void> {
    if (tx === undefined) return this.deps.db.transaction((t) => this.refund(orderId, reason, cause, t));
    const payment = await this.payment(orderId, tx);
    if (payment === undefined && (await this.refundUnrecordedCharge(orderId, reason, cause, tx))) return;
    if (payment === undefined) {
      // The tombstone carries no money: amount 0 in ISO 4217's "no currency" code.
      await tx.query("INSERT INTO payments (order_id, amount, currency, status) VALUES ($1, 0, $2, 'cancelled') ON CONFLICT (order_id) DO NOTHING", [orderId, NO_CURRENCY]);
      return;
    }
    if (payment.status !== 'charged') return;
    await this.deps.gateway.refund(payment.payment_id!, `refund-${orderId}`);
    await tx.query("UPDATE payments SET status = 'refunded' WHERE order_id = $1", [orderId]);
    await emit(this.deps, tx, PaymentRefundedV1Event, { orderId, paymentId: payment.payment_id!, amount: payment.amount, reason }, {
      aggregateId: payment.payment_id!,
      metadata: metadataFrom(cause, this.source),
    });
  }

  /**
   * A cancellation found no payment row, but the processor may hold a charge for the order: the
   * service died after the processor answered and before its transaction committed. The processor
   * is asked by the charge's idempotency key; a charge it made is refunded at once (and the row
   * then says `refunded`, so a redelivered InventoryReserved charges nothing). True when it refunded.
   */
  private async refundUnrecordedCharge(orderId: string, reason: string, cause: Envelope | undefined, tx: SqlExecutor): Promise<boolean> {
    const charge = await this.deps.gateway.findCharge(`charge-${orderId}`);
    if (charge === undefined) return false;
    const { paymentId, amount, currency } = charge;
    await this.deps.gateway.refund(paymentId, `refund-${orderId}`);
    await tx.query("INSERT INTO payments (order_id, payment_id, amount, currency, status) VALUES ($1, $2, $3, $4, 'refunded')", [orderId, paymentId, amount, currency]);
    await emit(this.deps, tx, PaymentRefundedV1Event, { orderId, paymentId, amount, reason }, {
      aggregateId: paymentId,
      metadata: metadataFrom(cause, this.source),
    });
    return true;
  }

  /** The order's payment as recorded (status `charged`, `declined`, `refunded` or `cancelled`). */
  async paymentFor(orderId: string): Promise<{ paymentId?: string; amount: number; status: string } | undefined> {
    const row = await this.payment(orderId, this.deps.db, false);
    return row === undefined ? undefined : { ...(row.payment_id === null ? {} : { paymentId: row.payment_id }), amount: row.amount, status: row.status };
  }

  private async payment(orderId: string, tx: SqlExecutor, lock = true) {
    if (lock) await lockOrder(tx, this.source, orderId);
    const { rows } = await tx.query<{ payment_id: string | null; amount: number; status: string }>(
      `SELECT payment_id, amount, status FROM payments WHERE order_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [orderId],
    );
    return rows[0];
  }
}
