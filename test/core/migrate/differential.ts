import jsonata from 'jsonata';
import { compileTransform } from '../../../core/migrate/index.js';
import { interpretTransform } from '../../../core/migrate/compile-transform.js';

/** A result as JSON sees it: sequence flags and object prototypes dropped, undefined kept. */
export function plain(value: unknown): unknown {
  if (typeof value === 'function') return '<function>';
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = plain((value as Record<string, unknown>)[key]);
    if ((value as { _jsonata_lambda?: boolean })._jsonata_lambda) return '<function>';
    return out;
  }
  return value;
}

export type Outcome = { ok: true; value: unknown } | { ok: false; code: string | undefined };

// Both sides stop endless recursion, by different guards (JSONata counts evaluation frames).
const bounded = new Set(['D1011', 'D1012', 'call-depth', 'timeout']);
const codeOf = (error: unknown): string | undefined => {
  const e = error as { code?: string; jsonataCode?: string; failure?: string };
  const code = e.jsonataCode ?? e.code ?? e.failure;
  return code && bounded.has(code) ? 'stopped by a bound' : code;
};

/** Runs an expression through JSONata's evaluator (with guard rails so nothing can hang a test). */
export async function viaJsonata(expr: string, input: unknown): Promise<Outcome> {
  try {
    return { ok: true, value: plain(await jsonata(expr, { timeout: 2000, stack: 4000 }).evaluate(input)) };
  } catch (error) {
    return { ok: false, code: codeOf(error) };
  }
}

/** Runs an expression through the compiled function; `compiled` says whether it really compiled. */
export function viaCompiled(expr: string, input: unknown): { compiled: boolean; outcome: Outcome } {
  const t = compileTransform(expr, { maxOutputBytes: 64 * 1024 * 1024, maxDepth: 1000, timeoutMs: 2000 });
  if (!t.compiled) return { compiled: false, outcome: { ok: false, code: 'not compiled' } };
  try {
    return { compiled: true, outcome: { ok: true, value: plain(t(input)) } };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return { compiled: true, outcome: { ok: false, code: codeOf(cause ?? error) } };
  }
}

/** Runs an expression through Charter's interpreted executor (the guarded JSONata evaluator). */
export async function viaInterpreted(expr: string, input: unknown): Promise<Outcome> {
  const t = interpretTransform(expr, { maxOutputBytes: 64 * 1024 * 1024, maxDepth: 1000, timeoutMs: 2000 });
  try {
    return { ok: true, value: plain(await t(input)) };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return { ok: false, code: codeOf(cause ?? error) };
  }
}
