import jsonata from 'jsonata';

/** JSONata's own function object: the implementation and its signature validator. */
export interface JsonataFunction {
  _jsonata_function: true;
  implementation: (this: unknown, ...args: unknown[]) => unknown;
  signature?: { validate(args: unknown[], context: unknown): unknown[] };
}

/**
 * The JSONata built-ins compiled code may call directly. They are JSONata's own implementations
 * and signature validators (so coercions, context arguments and error codes match exactly), taken
 * from the library at load time. Only synchronous ones are listed: compiled code never awaits.
 */
const directNames = [
  'string', 'number', 'substring', 'substringBefore', 'substringAfter', 'uppercase', 'lowercase',
  'trim', 'pad', 'length', 'sum', 'count', 'max', 'min', 'average', 'round', 'floor', 'ceil', 'abs',
  'sqrt', 'power', 'exists', 'boolean', 'not', 'keys', 'lookup', 'append', 'join', 'split',
  'contains', 'merge', 'distinct', 'reverse', 'spread', 'type', 'zip', 'error', 'assert',
] as const;

/** Higher-order built-ins: JSONata's are async, so compiled code uses the synchronous ports in hof.ts. */
export const higherOrderNames = ['map', 'filter', 'reduce', 'each', 'sift'] as const;

// Evaluating an object of `$name` references hands back the library's function objects.
const table = (await jsonata(`{ ${[...directNames, ...higherOrderNames].map((n) => `"${n}": $${n}`).join(', ')} }`).evaluate(
  {},
)) as Record<string, JsonataFunction>;

const isAsync = (f: unknown): boolean => typeof f === 'function' && f.constructor.name === 'AsyncFunction';

/**
 * `$split` and `$contains` are async in JSONata only because their pattern may be a regex or a
 * function. With a string pattern (the compiler insists on a string literal) they are these.
 */
const stringPattern: Record<string, JsonataFunction['implementation']> = {
  contains: (str, token) => (str === undefined || token === undefined ? undefined : (str as string).indexOf(token as string) !== -1),
  split: (str, separator, limit) => {
    if (str === undefined) return undefined;
    if ((limit as number) < 0) throw { code: 'D3020', value: limit, index: 3 };
    return limit === undefined || (limit as number) > 0 ? (str as string).split(separator as string, limit as number | undefined) : [];
  },
};
export const stringPatternNames: ReadonlySet<string> = new Set(Object.keys(stringPattern));

/** Synchronous built-ins by name (without `$`). */
export const directBuiltins: ReadonlyMap<string, JsonataFunction> = new Map([
  ...directNames.filter((n) => table[n] && !isAsync(table[n].implementation)).map((n) => [n, table[n]] as const),
  ...Object.entries(stringPattern).map(([n, implementation]) => [n, { ...table[n], implementation }] as const),
]);

/** Signature validators of the higher-order built-ins (the implementations are ours). */
export const higherOrderSignatures: ReadonlyMap<string, JsonataFunction['signature']> = new Map(
  higherOrderNames.map((n) => [n, table[n]?.signature]),
);

/** JSONata's `$boolean` cast, used by conditions, `and`/`or` and filters. */
export const toBoolean = table.boolean.implementation as (value: unknown) => boolean | undefined;
/** JSONata's `$string` cast, used by `&`. */
export const toText = table.string.implementation as (value: unknown) => string;
