/** `order-placed` / `orders_value` / `OrderPlaced` → `OrderPlaced` / `OrdersValue`. */
export function pascalCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  // An identifier cannot start with a digit.
  return /^[0-9]/.test(joined) ? `_${joined}` : joined || '_';
}

/** `order.OrderPlaced` → `order`; a subject without a dot (`orders-value`) is its own domain. */
export function domainOf(subject: string): string {
  const dot = subject.indexOf('.');
  return dot > 0 ? subject.slice(0, dot) : subject;
}

/** The event's own name: the part after the last dot, `order.OrderPlaced` → `OrderPlaced`. */
export function eventTypeOf(subject: string): string {
  return pascalCase(subject.slice(subject.lastIndexOf('.') + 1));
}

/** `1.1.0` → `1_1_0`; pre-release and build parts keep their characters as `_`. */
export function semverSuffix(semver: string): string {
  return semver.replace(/[^A-Za-z0-9]/g, '_');
}

/** A folder name safe on every file system; subjects may hold any character in Confluent. */
export function folderOf(subject: string): string {
  return subject.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * The TypeScript base name of each subject: its event type (`OrderPlaced`), or, when two subjects
 * share an event type (`order.Created`, `payment.Created`), the whole subject (`OrderCreated`).
 */
export function baseNames(subjects: readonly string[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const s of subjects) count.set(eventTypeOf(s), (count.get(eventTypeOf(s)) ?? 0) + 1);
  return new Map(subjects.map((s) => [s, count.get(eventTypeOf(s))! > 1 ? pascalCase(s) : eventTypeOf(s)]));
}
