/**
 * The contract range each flow reads, per subject. Decoding with these ranges is what lets a
 * 2.0.0 service read an order placed at 1.0.0: the SDK upcasts it on the way in.
 */
export const flowReaders: Readonly<Record<string, string>> = {
  'order.OrderPlaced': '^2.0.0',
  'order.OrderConfirmed': '^1.0.0',
  'order.OrderShipped': '^1.0.0',
  'order.OrderCancelled': '^1.0.0',
  'order.OrderProcessingFailed': '^1.0.0',
  'inventory.InventoryReserved': '^1.0.0',
  'inventory.InventoryReservationFailed': '^1.0.0',
  'inventory.InventoryReservationCancelled': '^1.0.0',
  'payment.PaymentProcessed': '^1.0.0',
  'payment.PaymentFailed': '^1.0.0',
  'payment.PaymentRefunded': '^1.0.0',
  'customer.CustomerRegistered': '^1.0.0',
  'analytics.HighValueCustomerDetected': '^1.0.0',
  'analytics.OrderMetricsPublished': '^1.0.0',
};

/** The range to decode `subject` with; subjects the flows do not know are read as written. */
export function acceptFor(subject: string): string | undefined {
  return flowReaders[subject];
}
