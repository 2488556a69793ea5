import { celEnv, isCelError, isCelList, isCelMap, isCelUint, parse, plan } from '@bufbuild/cel';
import { STRINGS_EXT_FUNCS } from '@bufbuild/cel/ext/strings';

/** The CEL environment every rule runs in: standard CEL plus the strings extension, as Confluent's clients. */
const env = celEnv({ funcs: STRINGS_EXT_FUNCS });

export type CelProgram = (bindings: Record<string, unknown>) => unknown;

/** A CEL expression that does not parse, or fails or yields something JSON cannot hold. */
export class CelRuleError extends Error {}

const programs = new Map<string, CelProgram>();
const MAX_PROGRAMS = 10_000;

/** Parses and plans an expression once; programs are cached by text (rules are immutable per schema id). */
export function celProgram(expr: string): CelProgram {
  let program = programs.get(expr);
  if (program === undefined) {
    let planned: ReturnType<typeof plan>;
    try {
      planned = plan(env, parse(expr));
    } catch (error) {
      throw new CelRuleError(`CEL expression does not parse: ${(error as Error).message}`);
    }
    program = (bindings) => planned(bindings as never);
    if (programs.size >= MAX_PROGRAMS) programs.delete(programs.keys().next().value!);
    programs.set(expr, program);
  }
  return program;
}

/** Runs a program and returns its value as JSON (CEL ints are bigints; errors come back as values). */
export function evaluate(program: CelProgram, bindings: Record<string, unknown>): unknown {
  const result = program(bindings);
  if (isCelError(result)) throw new CelRuleError(result.message);
  return toJson(result);
}

function toJson(value: unknown, depth = 0): unknown {
  if (depth > 64) throw new CelRuleError('a CEL result nested deeper than 64 levels');
  if (typeof value === 'bigint') return Number(value);
  if (isCelUint(value)) return Number(value.value);
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (isCelList(value)) return [...value].map((item) => toJson(item, depth + 1));
  if (isCelMap(value)) {
    const object: Record<string, unknown> = {};
    for (const [key, item] of value) {
      if (typeof key !== 'string') throw new CelRuleError('a CEL map with non-string keys has no JSON form');
      object[key] = toJson(item, depth + 1);
    }
    return object;
  }
  // A binding handed back unchanged (`message`): it is already JSON.
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return value;
  if (Array.isArray(value)) return value;
  throw new CelRuleError('a CEL result must be a string, number, boolean, null, list or map');
}
