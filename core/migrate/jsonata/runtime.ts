import type { RuleBounds } from '../types.js';
import { MigrationError } from '../migration-error.js';
import { RuleGuard } from '../rule-guard.js';
import { boundedCall } from './bounded-builtins.js';
import { directBuiltins, higherOrderSignatures, toBoolean } from './builtins.js';
import { createHigherOrder } from './hof.js';
import * as ops from './operators.js';
import { isSeq, lookup, norm, seq, seqOf, setKey, unwrap, wrapRoot, type Sequence } from './sequence.js';

type Item = (item: unknown) => unknown;

const isObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown): boolean => typeof v === 'string';
const isCount = (v: unknown): boolean => typeof v === 'number';

/**
 * Argument lists that JSONata's validator would hand back unchanged, recognised cheaply for the
 * built-ins migration rules call most (the validator matches a regex over the argument types).
 */
const alreadyValid: Readonly<Record<string, (args: unknown[]) => boolean>> = {
  merge: (a) => a.length === 1 && Array.isArray(a[0]) && a[0].every(isObject),
  string: (a) => a.length === 1 && a[0] !== undefined && typeof a[0] !== 'function',
  uppercase: (a) => a.length === 1 && isText(a[0]),
  lowercase: (a) => a.length === 1 && isText(a[0]),
  trim: (a) => a.length === 1 && isText(a[0]),
  length: (a) => a.length === 1 && isText(a[0]),
  substring: (a) => (a.length === 2 || a.length === 3) && isText(a[0]) && a.slice(1).every(isCount),
  round: (a) => (a.length === 1 || a.length === 2) && a.every(isCount),
  floor: (a) => a.length === 1 && isCount(a[0]),
  ceil: (a) => a.length === 1 && isCount(a[0]),
  abs: (a) => a.length === 1 && isCount(a[0]),
};

/**
 * Everything compiled code may touch: it is the only thing passed into the generated function, so
 * a rule has no globals, no I/O and no way out. One runtime per compiled transform, because it
 * holds that transform's guard state (steps, deadline, call depth), reset at the start of each event.
 */
export function createRuntime(bounds: RuleBounds) {
  const guard = new RuleGuard(bounds);
  const tick = (): void => guard.tick();

  const focus = { input: undefined as unknown, environment: undefined, options: undefined, createSequence: (...a: unknown[]) => (a.length ? seqOf(a[0]) : seq()) };
  const append = directBuiltins.get('append')!.implementation;
  const higherOrder = createHigherOrder(tick);

  /** One path step over every item of the input sequence, flattening as JSONata does. */
  const step = (input: unknown[], f: Item, last: boolean): unknown[] => {
    const result: unknown[] = [];
    for (let i = 0; i < input.length; i++) {
      guard.tick();
      const res = f(input[i]);
      if (res !== undefined) result.push(res);
    }
    if (last && result.length === 1 && Array.isArray(result[0]) && !isSeq(result[0])) return result[0];
    const out = seq();
    for (const res of result) {
      if (!Array.isArray(res) || (res as Sequence).cons) out.push(res);
      else for (const v of res) out.push(v);
    }
    return out;
  };

  const path = (context: unknown, firstIsVariable: boolean, consFirst: boolean, steps: readonly Item[]): unknown => {
    let input: unknown[] = Array.isArray(context) && !firstIsVariable ? context : seqOf(context);
    let result: unknown[] | undefined;
    for (let i = 0; i < steps.length; i++) {
      result = i === 0 && consFirst ? (steps[0](input) as unknown[] | undefined) : step(input, steps[i], i === steps.length - 1);
      if (result === undefined || result.length === 0) break;
      input = result;
    }
    return norm(result);
  };

  const nameStep = (key: string): Item => (item) => norm(lookup(item, key));

  /** `a.b.c`: walks plain objects directly; anything else takes JSONata's general path. */
  const getPath = (context: unknown, keys: readonly string[]): unknown => {
    let v = context;
    for (let i = 0; i < keys.length; i++) {
      if (v === null || typeof v !== 'object') return undefined;
      if (Array.isArray(v)) return path(context, false, false, keys.map(nameStep));
      v = Object.prototype.hasOwnProperty.call(v, keys[i]) ? (v as Record<string, unknown>)[keys[i]] : undefined;
      if (v === undefined) return undefined;
    }
    return v;
  };

  /** `name` alone: getPath for one key, the most common node of all. */
  const get = (context: unknown, key: string): unknown => {
    if (context === null || typeof context !== 'object') return undefined;
    if (Array.isArray(context)) return path(context, false, false, [nameStep(key)]);
    return Object.prototype.hasOwnProperty.call(context, key) ? (context as Record<string, unknown>)[key] : undefined;
  };

  /** The object constructor over a sequence: items grouped by key, values evaluated per group. */
  const group = (context: unknown, pairs: readonly [Item, Item][]): Record<string, unknown> => {
    const input: unknown[] = Array.isArray(context) ? (context.length === 0 ? [undefined] : context) : [context];
    const groups: Record<string, { data: unknown; index: number }> = Object.create(null);
    for (const item of input) {
      tick();
      for (let p = 0; p < pairs.length; p++) {
        const key = pairs[p][0](item);
        if (typeof key !== 'string' && key !== undefined) throw { code: 'T1003', value: key };
        if (key === undefined) continue;
        if (key === '_jsonata_lambda' || key === '_jsonata_function') throw { code: 'D1013', value: key };
        const entry = groups[key];
        if (entry === undefined) groups[key] = { data: item, index: p };
        else if (entry.index !== p) throw { code: 'D1009', value: key };
        else {
          // Appending copies the group so far: charged, so one large group stays under the clock.
          guard.charge(Array.isArray(entry.data) ? entry.data.length : 1);
          entry.data = append.call(focus, entry.data, item);
        }
      }
    }
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(groups)) {
      const value = pairs[groups[key].index][1](groups[key].data);
      if (value !== undefined) setKey(result, key, value);
    }
    return result;
  };

  /** The array constructor: nested `[…]` items are kept whole, anything else is spliced in. */
  const array = (values: readonly unknown[], nested: readonly boolean[], cons: boolean): unknown[] => {
    const out: unknown[] = [];
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === undefined) continue;
      if (nested[i] || !Array.isArray(v)) out.push(v);
      else {
        guard.charge(v.length);
        for (const x of v) out.push(x);
      }
    }
    if (cons) Object.defineProperty(out, 'cons', { enumerable: false, configurable: false, value: true });
    return out;
  };

  // `raw`: a tail call inside a lambda, whose result JSONata's trampoline does not normalise.
  const builtins = Object.fromEntries(directBuiltins);
  // Signatures of only `x` parameters (any value, no context) accept every argument list of
  // their length unchanged, so validating them is skipped: `$exists`, `$append`, `$type`, …
  const anyArity = Object.fromEntries(
    [...directBuiltins].map(([n, f]) => {
      const m = /^<(x*):/.exec((f.signature as { definition?: string } | undefined)?.definition ?? '');
      return [n, m ? m[1].length : -1];
    }),
  );
  const builtin = (name: string, context: unknown, args: unknown[], raw: boolean): unknown => {
    const f = builtins[name];
    focus.input = context;
    const valid = args.length === anyArity[name] || !f.signature || alreadyValid[name]?.(args);
    const validated = valid ? args : f.signature!.validate(args, context);
    const result = boundedCall(guard, name, f.implementation, focus, validated);
    return raw ? result : norm(result);
  };

  const higher = (name: string, context: unknown, args: unknown[], raw: boolean): unknown => {
    const signature = higherOrderSignatures.get(name);
    const validated = signature ? signature.validate(args, context) : args;
    const result = higherOrder[name].apply(focus, validated);
    return raw ? result : norm(result);
  };

  /** Calls a compiled lambda; `self` is the caller's context, which the lambda's tail calls use. */
  const call = (f: unknown, args: unknown[], self: unknown): unknown => {
    if (typeof f !== 'function') throw { code: 'T1006' };
    return f.apply(self, args);
  };

  const enter = (): void => {
    if (++guard.depth > bounds.maxCallDepth)
      throw new MigrationError('call-depth', `the rule recursed deeper than ${bounds.maxCallDepth} calls (endless recursion?)`);
    guard.tick();
  };
  const exit = (): void => {
    guard.depth--;
  };
  /** Starts one event: the clock starts here, at the call. */
  const reset = (budgetMs?: number): void => guard.start(budgetMs);

  const normN = (value: unknown, times: number): unknown => {
    let v = value;
    for (let i = 0; i < times && isSeq(v); i++) v = norm(v);
    return v;
  };

  return {
    normN,
    reset, tick, enter, exit, norm, wrapRoot, unwrap, lookup, step, path, get, getPath, group, array,
    builtin, higher, call, setKey, bool: ops.boolize, truthy: (v: unknown) => !!toBoolean(v),
    arith: ops.arith, negate: ops.negate, equals: ops.equals, compare: ops.compare,
    concat: (l: unknown, r: unknown) => ops.concat(l, r, guard),
    range: (l: unknown, r: unknown) => ops.range(l, r, guard),
    includes: (l: unknown, r: unknown) => {
      if (Array.isArray(r)) guard.charge(r.length);
      return ops.includes(l, r);
    },
  };
}

export type Runtime = ReturnType<typeof createRuntime>;
