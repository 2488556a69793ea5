import { canonicalJson } from '../canonical.js';

/**
 * The first pair of equal items in an array, as `[earlier, later]` indices, or undefined.
 *
 * Equality is ajv's (deep equality of JSON values: key order does not matter, `1` equals `1.0`),
 * found in linear time: primitives are keyed by value, objects and arrays by their canonical JSON
 * text (sorted keys), which is equal exactly when the values are deeply equal. ajv's own
 * `uniqueItems` compares objects pairwise — 40,000 objects took 26 s of blocked event loop.
 *
 * Generated validators call it too (through `charter/runtime`), so its `code` names that import.
 */
export function duplicateItems(items: readonly unknown[]): [number, number] | undefined {
  if (items.length < 2) return undefined;
  const primitives = new Map<unknown, number>();
  let structured: Map<string, number> | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item !== null && typeof item === 'object') {
      structured ??= new Map();
      const key = canonicalJson(item);
      const seen = structured.get(key);
      if (seen !== undefined) return [seen, i];
      structured.set(key, i);
    } else {
      const seen = primitives.get(item);
      if (seen !== undefined) return [seen, i];
      primitives.set(item, i);
    }
  }
  return undefined;
}
duplicateItems.code = 'require("charter/runtime").duplicateItems';
