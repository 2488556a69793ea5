import type { OrderPlacedV2 } from '../generated/index.js';
import type { LineItem } from './order-state.js';

/** Money is summed in cents: 0.1 + 0.2 must not become a total of 0.30000000000000004. */
const cents = (amount: number): number => Math.round(amount * 100);

/** subtotal = Σ quantity × unit price; total = subtotal + tax − discount (never below zero). */
export function priceOrder(items: readonly LineItem[], options: { taxRate?: number; discount?: number } = {}): OrderPlacedV2['pricing'] {
  const subtotal = items.reduce((sum, item) => sum + item.quantity * cents(item.unitPrice), 0);
  const tax = Math.round(subtotal * (options.taxRate ?? 0));
  const discount = Math.min(cents(options.discount ?? 0), subtotal + tax);
  return { subtotal: subtotal / 100, tax: tax / 100, discount: discount / 100, total: (subtotal + tax - discount) / 100 };
}
