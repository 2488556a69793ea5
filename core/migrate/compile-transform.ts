import jsonata from 'jsonata';
import { RegistryError } from '../errors/index.js';
import { compileToJs } from './jsonata/compile-js.js';
import { guardedEvaluator } from './jsonata/guarded-evaluator.js';
import { assertRe2Regexes } from './jsonata/re2-regex-engine.js';
import { MigrationError, type MigrationFailure } from './migration-error.js';
import { checkOutput } from './output-bounds.js';
import { resolveBounds, type RuleBounds } from './types.js';

/**
 * A rule expression ready to run on events. When `compiled` is true it is generated JavaScript and
 * returns its result synchronously; otherwise it is JSONata's own (asynchronous) evaluator and
 * returns a Promise. `await` works for both; hot paths can test `compiled` and skip the await.
 */
export interface CompiledTransform {
  /** `budgetMs` shortens the time bound for this one call (verification's total budget). */
  (input: unknown, budgetMs?: number): unknown;
  /** true = compiled to JavaScript, false = JSONata evaluator fallback. */
  readonly compiled: boolean;
  readonly expr: string;
}

interface JsonataFailure {
  code?: string;
  position?: number;
  token?: string;
  message?: string;
  value?: unknown;
}

/** JSONata's own guard-rail codes, and what they mean for a rule. */
const failureByCode: Readonly<Record<string, MigrationFailure>> = {
  D1011: 'call-depth',
  D1012: 'timeout',
  D2014: 'output-size',
  D2015: 'output-size',
};

/** Any error escaping a rule, as a MigrationError that keeps the original as `cause`. */
export function asMigrationError(error: unknown): MigrationError {
  if (error instanceof MigrationError) return error;
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return new MigrationError('call-depth', 'the rule recursed too deep (JS stack exhausted)', { cause: error });
  const e = (error ?? {}) as JsonataFailure;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const detail = e.message ?? (code ? `JSONata error ${code}${e.value !== undefined ? ` (value ${JSON.stringify(e.value)})` : ''}` : String(error));
  return new MigrationError((code && failureByCode[code]) || 'evaluation', detail, { cause: error, jsonataCode: code });
}

/** Parses with JSONata; a syntax error becomes INVALID_RULESET naming the message and position. */
export function parseRule(expr: string): jsonata.Expression {
  try {
    return jsonata(expr);
  } catch (error) {
    const e = error as JsonataFailure;
    throw new RegistryError(
      'INVALID_RULESET',
      `JSONata syntax error at position ${e.position ?? '?'}: ${e.message ?? String(error)}`,
      { expr, position: e.position, token: e.token, jsonataCode: e.code },
      { cause: error },
    );
  }
}

/**
 * Compiles a JSONata rule expression under bounds (defaults: 50 ms, output depth 64, 1 MiB).
 * The choice between generated JS and the evaluator is made here, once, never per event.
 *
 * @example
 * const up = compileTransform('{ "id": orderId, "total": totalAmount * 100 }');
 * up({ orderId: 'o1', totalAmount: 2 }); // { id: 'o1', total: 200 } (up.compiled === true)
 */
export function compileTransform(expr: string, bounds: Partial<RuleBounds> = {}): CompiledTransform {
  const b = resolveBounds(bounds);
  const parsed = parseRule(expr);
  assertRe2Regexes(parsed.ast());
  const js = compileToJs(parsed.ast(), b);
  if (js) {
    const run = (input: unknown, budgetMs?: number): unknown => {
      let out: unknown;
      try {
        out = js(input, budgetMs);
      } catch (error) {
        throw asMigrationError(error);
      }
      checkOutput(out, b);
      return out;
    };
    return Object.assign(run, { compiled: true as const, expr });
  }
  const evaluate = guardedEvaluator(expr, b);
  const run = async (input: unknown, budgetMs?: number): Promise<unknown> => {
    let out: unknown;
    try {
      out = await evaluate(input, budgetMs);
    } catch (error) {
      throw asMigrationError(error);
    }
    checkOutput(out, b);
    return out;
  };
  return Object.assign(run, { compiled: false as const, expr });
}
