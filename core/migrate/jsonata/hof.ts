import { toBoolean } from './builtins.js';
import { seq, setKey, type Sequence } from './sequence.js';

type Fn = (...args: unknown[]) => unknown;

/**
 * Synchronous ports of JSONata's higher-order built-ins ($map, $filter, $reduce, $each, $sift),
 * following its code path for compiled lambdas (which are plain JS functions whose
 * `length` is the declared arity). `tick` is the rule's loop guard: every callback is one step.
 */
export function createHigherOrder(tick: () => void): Record<string, (this: unknown, ...args: unknown[]) => unknown> {
  // JSONata passes the index and the whole collection only when the callback declares them.
  const argsFor = (f: Fn, value: unknown, key: unknown, whole: unknown): unknown[] =>
    f.length >= 3 ? [value, key, whole] : f.length === 2 ? [value, key] : [value];

  return {
    map(arr: unknown, f: unknown): Sequence | undefined {
      if (arr === undefined) return undefined;
      const list = arr as unknown[];
      const out = seq();
      for (let i = 0; i < list.length; i++) {
        tick();
        const res = (f as Fn).apply(null, argsFor(f as Fn, list[i], i, list));
        if (res !== undefined) out.push(res);
      }
      return out;
    },
    filter(arr: unknown, f: unknown): Sequence | undefined {
      if (arr === undefined) return undefined;
      const list = arr as unknown[];
      const out = seq();
      for (let i = 0; i < list.length; i++) {
        tick();
        if (toBoolean((f as Fn).apply(null, argsFor(f as Fn, list[i], i, list)))) out.push(list[i]);
      }
      return out;
    },
    reduce(arr: unknown, f: unknown, init: unknown): unknown {
      if (arr === undefined) return undefined;
      const list = arr as unknown[];
      const fn = f as Fn;
      if (fn.length < 2) throw { code: 'D3050', index: 1 };
      let result: unknown;
      let i: number;
      if (init === undefined && list.length > 0) {
        result = list[0];
        i = 1;
      } else {
        result = init;
        i = 0;
      }
      for (; i < list.length; i++) {
        tick();
        const args: unknown[] = [result, list[i]];
        if (fn.length >= 3) args.push(i);
        if (fn.length >= 4) args.push(list);
        result = fn.apply(null, args);
      }
      return result;
    },
    each(obj: unknown, f: unknown): Sequence {
      const out = seq();
      const keys = typeof obj === 'object' && obj !== null ? Object.keys(obj) : [];
      for (const key of keys) {
        tick();
        const res = (f as Fn).apply(null, argsFor(f as Fn, (obj as Record<string, unknown>)[key], key, obj));
        if (res !== undefined) out.push(res);
      }
      return out;
    },
    sift(obj: unknown, f: unknown): Record<string, unknown> | undefined {
      const out: Record<string, unknown> = {};
      const keys = typeof obj === 'object' && obj !== null ? Object.keys(obj) : [];
      let kept = 0;
      for (const key of keys) {
        tick();
        const entry = (obj as Record<string, unknown>)[key];
        if (toBoolean((f as Fn).apply(null, argsFor(f as Fn, entry, key, obj)))) {
          setKey(out, key, entry);
          kept++;
        }
      }
      return kept === 0 ? undefined : out;
    },
  };
}
