/**
 * JSONata's sequences, as its evaluator represents them: arrays flagged `sequence = true`.
 * Compiled code must carry the same flags, because they decide flattening later on (a flagged
 * sequence is flattened into a path's result, an array built by `[…]` — flagged `cons` — is not).
 */
export type Sequence = unknown[] & { sequence?: true; keepSingleton?: boolean; outerWrapper?: boolean; cons?: boolean };

export function seq(): Sequence {
  const s: Sequence = [];
  s.sequence = true;
  return s;
}

/** `createSequence(value)`: a one-item sequence (even when the item is undefined, as JSONata does). */
export function seqOf(value: unknown): Sequence {
  const s = seq();
  s.push(value);
  return s;
}

export function isSeq(value: unknown): value is Sequence {
  return Array.isArray(value) && (value as Sequence).sequence === true;
}

/**
 * What JSONata does to every evaluated node: an empty sequence is nothing, a singleton is its item.
 * Compiled code applies it wherever a node may yield a sequence.
 */
export function norm(value: unknown): unknown {
  if (Array.isArray(value) && (value as Sequence).sequence === true) {
    if (value.length === 0) return undefined;
    if (value.length === 1 && !(value as Sequence).keepSingleton) return value[0];
  }
  return value;
}

/** The root context: a JSON array input is wrapped so a path maps over it as one document. */
export function wrapRoot(input: unknown): unknown {
  if (Array.isArray(input) && !isSeq(input)) {
    const s = seqOf(input);
    s.outerWrapper = true;
    return s;
  }
  return input;
}

/** `$` — the context, with the root wrapper taken off. */
export function unwrap(context: unknown): unknown {
  return context && (context as Sequence).outerWrapper ? (context as Sequence)[0] : context;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** JSONata's field lookup: maps over arrays and flattens, ignores functions and inherited keys. */
export function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const result = seq();
    for (let i = 0; i < input.length; i++) {
      const res = lookup(input[i], key);
      if (res !== undefined) {
        if (Array.isArray(res)) for (const v of res) result.push(v);
        else result.push(res);
      }
    }
    return result;
  }
  if (input !== null && typeof input === 'object' && hasOwn.call(input, key)) return (input as Record<string, unknown>)[key];
  return undefined;
}

/** Sets a key on a result object without ever touching its prototype. */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
