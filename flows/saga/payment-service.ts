import type { Envelope, Publisher } from '../../client/index.js';
import { PaymentFailedV1Event, PaymentProcessedV1Event, PaymentRefundedV1Event } from '../generated/index.js';
import { metadataFrom } from './cause.js';
import type { PaymentGateway } from './payment-gateway.js';

export interface ChargeRequest {
  orderId: string;
  customerId: string;
  reservationId: string;
  amount: number;
  currency: string;
}

export type ChargeResult = { ok: true; paymentId: string } | { ok: false; reason: string };

/**
 * The payment service: charges through a gateway and says what happened as events. Idempotent per
 * order, so a redelivered InventoryReserved never charges twice.
 */
export class PaymentService {
  private readonly payments = new Map<string, { paymentId: string; amount: number }>();
  private readonly source = 'payment-service';

  constructor(
    private readonly publisher: Publisher,
    private readonly gateway: PaymentGateway,
  ) {}

  async charge(request: ChargeRequest, cause?: Envelope): Promise<ChargeResult> {
    const existing = this.payments.get(request.orderId);
    if (existing !== undefined) return { ok: true, paymentId: existing.paymentId };
    const metadata = metadataFrom(cause, this.source);
    const { orderId, customerId, amount, currency, reservationId } = request;
    const outcome = await this.gateway.charge({ orderId, customerId, amount, currency });
    if (!outcome.approved) {
      const failed = PaymentFailedV1Event;
      await this.publisher.publish(failed.subject, { orderId, reservationId, amount, reason: outcome.reason }, { version: failed.semver, aggregateId: orderId, aggregateType: failed.aggregateType, metadata });
      return { ok: false, reason: outcome.reason };
    }
    this.payments.set(orderId, { paymentId: outcome.paymentId, amount });
    const processed = PaymentProcessedV1Event;
    await this.publisher.publish(processed.subject, { orderId, paymentId: outcome.paymentId, amount, currency }, { version: processed.semver, aggregateId: outcome.paymentId, aggregateType: processed.aggregateType, metadata });
    return { ok: true, paymentId: outcome.paymentId };
  }

  /** Refunds the order's payment (compensation); nothing to refund is not an error. */
  async refund(orderId: string, reason: string, cause?: Envelope): Promise<void> {
    const payment = this.payments.get(orderId);
    if (payment === undefined) return;
    await this.gateway.refund(payment.paymentId);
    this.payments.delete(orderId);
    const refunded = PaymentRefundedV1Event;
    await this.publisher.publish(
      refunded.subject,
      { orderId, paymentId: payment.paymentId, amount: payment.amount, reason },
      { version: refunded.semver, aggregateId: payment.paymentId, aggregateType: refunded.aggregateType, metadata: metadataFrom(cause, this.source) },
    );
  }
}
