import jsonata from 'jsonata';
import { RuleGuard } from '../rule-guard.js';
import type { RuleBounds } from '../types.js';
import { boundedCall } from './bounded-builtins.js';
import type { JsonataFunction } from './builtins.js';
import { jsonataBuiltinNames } from './frames.js';
import { Re2RegexEngine } from './re2-regex-engine.js';

/** The binding that carries an evaluation's guard: a name no JSONata expression can write. */
const GUARD = ' charter guard';

/** `$now` and `$millis` belong to each expression instance and do no work: left as they are. */
const wrapped = [...jsonataBuiltinNames].filter((n) => n !== 'now' && n !== 'millis');

// Evaluating an object of `$name` references hands back the library's function objects.
const library = (await jsonata(`{ ${wrapped.map((n) => `"${n}": $${n}`).join(', ')} }`).evaluate({})) as Record<string, JsonataFunction>;

interface Focus {
  environment: { lookup(name: string): unknown };
}

/**
 * JSONata's own evaluator for the rules the compiler does not take, held to the same bounds as
 * compiled code. Its `timeout` option reads the clock only when it evaluates a node, so a single
 * built-in call over a large list (`$distinct`, `$sort`, `$split` of a megabyte) would run unchecked:
 * every built-in is therefore re-registered on the expression, running under a per-evaluation
 * RuleGuard (passed in as a binding, so concurrent evaluations never share one) that charges it,
 * bounds its result and replaces the few implementations that cannot be bounded from outside.
 *
 * @example
 * const run = guardedEvaluator('$distinct(items.sku)', defaultRuleBounds);
 * await run({ items: [{ sku: 'a' }, { sku: 'a' }] }); // 'a'
 */
export function guardedEvaluator(expr: string, bounds: RuleBounds): (input: unknown, budgetMs?: number) => Promise<unknown> {
  // The evaluator's own guard rails: its stack counts evaluation frames (several per call), so
  // the call-depth bound is scaled; sequences are capped at what could fit in the output bound.
  // Regexes run on RE2, so no single `$match`/`$replace` call can outlast the timeout check.
  const evaluator = jsonata(expr, {
    timeout: bounds.timeoutMs,
    stack: bounds.maxCallDepth * 8,
    sequence: Math.floor(bounds.maxOutputBytes / 2),
    RegexEngine: Re2RegexEngine as unknown as RegExpConstructor,
  });
  for (const name of wrapped) {
    const f = library[name];
    if (!f) continue;
    const definition = (f.signature as { definition?: string } | undefined)?.definition;
    evaluator.registerFunction(
      name,
      function (this: Focus, ...args: unknown[]) {
        return boundedCall(this.environment.lookup(GUARD) as RuleGuard, name, f.implementation, this, args);
      } as never,
      definition,
    );
  }
  return (input, budgetMs) => {
    const guard = new RuleGuard(bounds);
    guard.start(budgetMs);
    return evaluator.evaluate(input, { [GUARD]: guard });
  };
}
