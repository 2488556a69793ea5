import type { Envelope } from '../../client/index.js';
import {
  OrderCancelledV1Event,
  OrderConfirmedV1Event,
  OrderPlacedV2Event,
  OrderShippedV1Event,
  type OrderCancelledV1,
  type OrderConfirmedV1,
  type OrderPlacedV2,
  type OrderShippedV1,
} from '../generated/index.js';

/** The events of the Order aggregate, in the contract versions this service is written against. */
export type OrderDomainEvent =
  | { type: 'OrderPlaced'; data: OrderPlacedV2 }
  | { type: 'OrderConfirmed'; data: OrderConfirmedV1 }
  | { type: 'OrderShipped'; data: OrderShippedV1 }
  | { type: 'OrderCancelled'; data: OrderCancelledV1 };

/** Each event type to its generated contract class: the subject and semver it is written as. */
export const orderContracts = {
  OrderPlaced: OrderPlacedV2Event,
  OrderConfirmed: OrderConfirmedV1Event,
  OrderShipped: OrderShippedV1Event,
  OrderCancelled: OrderCancelledV1Event,
} as const;

const typeBySubject = new Map<string, OrderDomainEvent['type']>(
  Object.entries(orderContracts).map(([type, contract]) => [contract.subject, type as OrderDomainEvent['type']]),
);

/**
 * A decoded envelope (already migrated to the version in `orderReaders`) as a domain event, or
 * undefined when the subject is not one of the aggregate's.
 */
export function toOrderEvent(envelope: Envelope): OrderDomainEvent | undefined {
  const type = typeBySubject.get(envelope.schema.subject);
  return type === undefined ? undefined : ({ type, data: envelope.data } as OrderDomainEvent);
}
