import jsonata from 'jsonata';
import type { RuleBounds } from '../types.js';
import { openFrame, Unsupported } from './frames.js';
import { allowedKeys, nodeCompilers, type Cx } from './node-compilers.js';
import { createRuntime } from './runtime.js';

type Node = jsonata.ExprNode & Record<string, unknown>;

const alwaysAllowed = new Set(['type', 'value', 'position']);

/** Refuses any node whose type or annotations are outside the compiled subset. */
function checkNode(node: Node): void {
  if (!nodeCompilers[node.type]) throw new Unsupported(`node type ${node.type}`);
  const allowed = allowedKeys[node.type] ?? [];
  for (const key of Object.keys(node)) if (!alwaysAllowed.has(key) && !allowed.includes(key)) throw new Unsupported(`${node.type}.${key}`);
}

/** The generated JS source of an expression, with its constants; throws Unsupported outside the subset. */
export function generate(ast: Node): { source: string; constants: unknown[] } {
  let counter = 0;
  const fresh = (): string => `_${counter++}`;
  const constants: unknown[] = [];
  const hoisted: string[] = [];
  // Conditions and blocks hand their pending collapses on to their branches; every other node
  // compiles its children with none pending and has its own result collapsed that many times.
  const passThrough = (node: Node): boolean => node.type === 'condition' || node.type === 'block' || (node.type === 'lambda' && node.thunk === true);
  const compile = (node: Node, cx: Cx): string => {
    checkNode(node);
    if (passThrough(node)) return nodeCompilers[node.type](node, cx);
    const code = nodeCompilers[node.type](node, cx.norms ? { ...cx, norms: 0 } : cx);
    return cx.norms ? `R.normN(${code}, ${cx.norms})` : code;
  };
  const frame = openFrame(undefined, [], ast, fresh);
  const cx: Cx = {
    ctx: '$ctx',
    frame,
    fresh,
    constant: (value) => `K[${constants.push(value) - 1}]`,
    compile,
    norms: 0,
    hoist: (fn) => `H${hoisted.push(fn) - 1}`,
    used: [],
  };
  const body = compile(ast, cx);
  const locals = frame.names.size ? `let ${[...frame.names.values()].join(', ')};` : '';
  const helpers = hoisted.map((fn, i) => `const H${i} = ${fn};`).join(' ');
  // $root lives outside the per-event function so hoisted helpers see it; runs never overlap.
  const source = `"use strict"; let $root; ${helpers} return function compiled(input, budget) { R.reset(budget); $root = input; const $ctx = R.wrapRoot(input); ${locals} return ${body}; };`;
  return { source, constants };
}

/**
 * Compiles a JSONata AST to a synchronous JS function, or returns undefined when the expression
 * uses anything outside the compiled subset (the caller then uses the JSONata evaluator instead).
 * The generated function sees only `R` (its runtime) and `K` (its constants).
 */
export function compileToJs(ast: jsonata.ExprNode, bounds: RuleBounds): ((input: unknown, budgetMs?: number) => unknown) | undefined {
  let generated: { source: string; constants: unknown[] };
  try {
    generated = generate(ast as Node);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const factory = new Function('R', 'K', generated.source) as (r: unknown, k: unknown[]) => (input: unknown, budgetMs?: number) => unknown;
  return factory(createRuntime(bounds), generated.constants);
}
