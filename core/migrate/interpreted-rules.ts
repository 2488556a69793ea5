/** A rule expression that runs on JSONata's evaluator instead of compiled JavaScript, and why. */
export interface InterpretedRule {
  expr: string;
  /** The construct the compiler does not take, e.g. `node type sort` or `$match()`. */
  reason: string;
}

type Listener = (rule: InterpretedRule) => void;

const compiledListeners = new Set<Listener>();
const runListeners = new Set<Listener>();

/**
 * Calls `listener` whenever a rule expression is compiled that the compiler does not take, so it
 * will run on JSONata's evaluator (about 30× slower per event). The registry logs it and `charter
 * check` warns; an SDK user can alert on it. Returns a function that removes the listener.
 *
 * @example
 * const stop = onInterpretedRule(({ expr, reason }) => log.warn({ expr, reason }, 'migration rule interpreted'));
 */
export function onInterpretedRule(listener: Listener): () => void {
  compiledListeners.add(listener);
  return () => compiledListeners.delete(listener);
}

/**
 * Calls `listener` on every event an interpreted rule migrates (a metric's counter, typically).
 * Returns a function that removes the listener.
 */
export function onInterpretedRun(listener: Listener): () => void {
  runListeners.add(listener);
  return () => runListeners.delete(listener);
}

/** A listener's failure must never fail the migration it observes. */
function notify(listeners: Set<Listener>, rule: InterpretedRule): void {
  for (const listener of listeners) {
    try {
      listener(rule);
    } catch {
      // observers only
    }
  }
}

export const reportInterpretedRule = (rule: InterpretedRule): void => notify(compiledListeners, rule);
export const reportInterpretedRun = (rule: InterpretedRule): void => {
  if (runListeners.size > 0) notify(runListeners, rule);
};
