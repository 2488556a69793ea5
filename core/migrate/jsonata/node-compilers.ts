import type jsonata from 'jsonata';
import { directBuiltins, higherOrderNames, stringPatternNames } from './builtins.js';
import { bindsOf, jsonataBuiltinNames, openFrame, resolve, Unsupported, type Frame } from './frames.js';

type Node = jsonata.ExprNode & Record<string, unknown>;

/** What a node compiles against: the JS variable holding the context, the frame, and helpers. */
export interface Cx {
  readonly ctx: string;
  readonly frame: Frame;
  readonly fresh: () => string;
  /** A constant shared by every run (key lists, flags): returns the JS expression that reads it. */
  readonly constant: (value: unknown) => string;
  readonly compile: (node: Node, cx: Cx) => string;
  /**
   * How many enclosing conditions/blocks will collapse this node's value again. JSONata collapses
   * sequences after *every* node it evaluates, and collapsing twice is not always collapsing once
   * (a sequence holding one empty sequence), so compiled code counts. Tail calls are exempt: the
   * trampoline resolves them after those collapses ran on the thunk.
   */
  readonly norms: number;
  /** Hoists a function that uses no local of an enclosing frame; returns the name to call it by. */
  readonly hoist: (fnSource: string) => string;
  /** JS names of frame locals referenced while compiling; lets objectConstructor decide to hoist. */
  readonly used: Set<string>[];
}

const higherOrder: ReadonlySet<string> = new Set(higherOrderNames);
const use = (cx: Cx, js: string): string => {
  for (const set of cx.used) set.add(js);
  return js;
};
const list = (items: readonly string[]): string => `[${items.join(', ')}]`;
const lit = (node: Node): string => `(${JSON.stringify(node.value)})`;

const binaryOperators: Readonly<Record<string, (l: string, r: string) => string>> = {
  '+': (l, r) => `R.arith(${l}, ${r}, '+')`,
  '-': (l, r) => `R.arith(${l}, ${r}, '-')`,
  '*': (l, r) => `R.arith(${l}, ${r}, '*')`,
  '/': (l, r) => `R.arith(${l}, ${r}, '/')`,
  '%': (l, r) => `R.arith(${l}, ${r}, '%')`,
  '=': (l, r) => `R.equals(${l}, ${r}, false)`,
  '!=': (l, r) => `R.equals(${l}, ${r}, true)`,
  '<': (l, r) => `R.compare(${l}, ${r}, '<')`,
  '<=': (l, r) => `R.compare(${l}, ${r}, '<=')`,
  '>': (l, r) => `R.compare(${l}, ${r}, '>')`,
  '>=': (l, r) => `R.compare(${l}, ${r}, '>=')`,
  '&': (l, r) => `R.concat(${l}, ${r})`,
  in: (l, r) => `R.includes(${l}, ${r})`,
  '..': (l, r) => `R.range(${l}, ${r})`,
  // The right side of and/or is evaluated only when needed, as in JSONata.
  and: (l, r) => `(R.bool(${l}) && R.bool(${r}))`,
  or: (l, r) => `(R.bool(${l}) || R.bool(${r}))`,
};

/** A JS function of one item, for path steps and group keys/values. */
function itemFn(node: Node, cx: Cx): string {
  const item = cx.fresh();
  return `((${item}) => ${cx.compile(node, { ...cx, ctx: item })})`;
}

function path(node: Node, cx: Cx): string {
  const steps = node.steps as Node[];
  steps.forEach((s, i) => {
    if (s.consarray && i > 0) throw new Unsupported('array constructor inside a path');
  });
  if (steps.length === 1 && steps[0].type === 'name') return `R.get(${cx.ctx}, ${JSON.stringify(steps[0].value)})`;
  if (steps.every((s) => s.type === 'name')) return `R.getPath(${cx.ctx}, ${cx.constant(steps.map((s) => String(s.value)))})`;
  const fns = steps.map((s) => (s.type === 'name' ? `((it) => R.norm(R.lookup(it, ${JSON.stringify(s.value)})))` : itemFn(s, cx)));
  return `R.path(${cx.ctx}, ${steps[0].type === 'variable'}, ${steps[0].consarray === true}, ${list(fns)})`;
}

function objectConstructor(node: Node, cx: Cx): string {
  const pairs = node.lhs as [Node, Node][];
  const keys = pairs.map(([k]) => (k.type === 'string' ? String(k.value) : undefined));
  if (keys.some((k) => k === undefined) || new Set(keys).size !== keys.length)
    return `R.group(${cx.ctx}, ${list(pairs.map(([k, v]) => `[${itemFn(k, cx)}, ${itemFn(v, cx)}]`))})`;
  // Literal, distinct keys over a single item: build the object directly. JSONata evaluates the
  // values in the order of the keys of its group table (integer-like keys first), so do we.
  const c = cx.fresh();
  // An object that reads no local variable is built by one function made once per rule (not a
  // closure per evaluation): the common case in migration rules, and the hot path.
  const uses = new Set<string>();
  cx = { ...cx, used: [...cx.used, uses] };
  const order = Object.keys(Object.fromEntries(keys.map((k) => [k, 0])));
  const body = order.map((k) => {
    const value = cx.compile(pairs[keys.indexOf(k)][1], { ...cx, ctx: c });
    const set = k === '__proto__' ? `R.setKey(o, ${JSON.stringify(k)}, v)` : `o[${JSON.stringify(k)}] = v`;
    return `v = ${value}; if (v !== undefined) ${set};`;
  });
  const fast = `const o = {}; let v; ${body.join(' ')} return o;`;
  const slow = `R.group(${c}, ${list(pairs.map(([k, v]) => `[${itemFn(k, { ...cx, ctx: c })}, ${itemFn(v, { ...cx, ctx: c })}]`))})`;
  const usesLocals = uses.size > 0;
  const fn = `(${c}) => { if (Array.isArray(${c})) return ${slow}; ${fast} }`;
  return `${usesLocals ? `(${fn})` : cx.hoist(fn)}(${cx.ctx})`;
}

function unary(node: Node, cx: Cx): string {
  // JSONata evaluates the items of [..] and the values of {..} concurrently (Promise.all), so a
  // := among them takes effect in an order compiled code cannot reproduce: leave those to JSONata.
  if ((node.value === '[' || node.value === '{') && bindsOf(node.value === '[' ? node.expressions : node.lhs).size > 0)
    throw new Unsupported(':= inside a constructor');
  if (node.value === '-') return `R.negate(${cx.compile(node.expression as Node, cx)})`;
  if (node.value === '[') {
    const items = node.expressions as Node[];
    const nested = cx.constant(items.map((i) => i.type === 'unary' && i.value === '['));
    return `R.array(${list(items.map((i) => cx.compile(i, cx)))}, ${nested}, ${node.consarray === true})`;
  }
  if (node.value === '{') return objectConstructor(node, cx);
  throw new Unsupported(`unary ${String(node.value)}`);
}

function variable(node: Node, cx: Cx): string {
  const name = String(node.value);
  if (name === '') return `R.norm(R.unwrap(${cx.ctx}))`;
  if (name === '$') return 'R.norm($root)';
  const js = resolve(cx.frame, name);
  if (js) return `R.norm(${use(cx, js)})`;
  if (jsonataBuiltinNames.has(name)) throw new Unsupported(`$${name} used as a value`);
  return 'undefined';
}

/**
 * A call. In tail position of a lambda (`tail`), JSONata's trampoline hands back the callee's raw
 * result (no singleton/empty-sequence collapsing) and gives built-ins the context of the lambda's
 * own caller, which compiled lambdas receive as `this`; elsewhere the result is normalised.
 */
function call(node: Node, cx: Cx, tail = false): string {
  const proc = node.procedure as Node;
  if (proc.type !== 'variable') throw new Unsupported('call of a computed function');
  const name = String(proc.value);
  const argNodes = node.arguments as Node[];
  if (stringPatternNames.has(name) && argNodes[1]?.type !== 'string') throw new Unsupported(`$${name} with a non-literal pattern`);
  const args = list(argNodes.map((a) => cx.compile(a, cx)));
  const context = tail ? 'this' : cx.ctx;
  const js = resolve(cx.frame, name) && use(cx, resolve(cx.frame, name)!);
  if (js) return tail ? `R.call(${js}, ${args}, this)` : `R.norm(R.call(${js}, ${args}, ${context}))`;
  if (directBuiltins.has(name)) return `R.builtin(${JSON.stringify(name)}, ${context}, ${args}, ${tail})`;
  if (higherOrder.has(name)) return `R.higher(${JSON.stringify(name)}, ${context}, ${args}, ${tail})`;
  throw new Unsupported(`$${name}()`);
}

function block(node: Node, cx: Cx): string {
  const exprs = node.expressions as Node[];
  if (exprs.length === 0) return 'undefined';
  const frame = openFrame(cx.frame, [], exprs, cx.fresh);
  const inner = { ...cx, frame, norms: 0 };
  const last = exprs.length - 1;
  const body = `(${exprs.map((e, i) => cx.compile(e, i === last ? { ...inner, norms: cx.norms + 1 } : inner)).join(', ')})`;
  if (frame.names.size === 0) return body;
  return `(() => { let ${[...frame.names.values()].join(', ')}; return ${body}; })()`;
}

function lambda(node: Node, cx: Cx): string {
  // A tail-call thunk is JSONata's trampoline; evaluated in place it is just the call.
  if (node.thunk) {
    const body = node.body as Node;
    if (body.type !== 'function') throw new Unsupported('thunk of a non-call');
    checkKeys(body);
    return call(body, { ...cx, norms: 0 }, true);
  }
  if (node.signature !== undefined) throw new Unsupported('lambda signature');
  const params = (node.arguments as Node[]).map((a) => String(a.value));
  if (new Set(params).size !== params.length) throw new Unsupported('repeated parameter');
  const frame = openFrame(cx.frame, params, node.body, cx.fresh);
  const locals = [...frame.names.entries()].filter(([n]) => !params.includes(n)).map(([, js]) => js);
  const body = cx.compile(node.body as Node, { ...cx, frame });
  const decl = locals.length ? `let ${locals.join(', ')}; ` : '';
  return `(function (${params.map((p) => frame.names.get(p)).join(', ')}) { ${decl}R.enter(); const r = ${body}; R.exit(); return r; })`;
}

/**
 * The compiled subset, one entry per AST node type. A node type missing here, or a node carrying
 * an annotation not listed in `allowedKeys` (predicates, grouping, focus/index binds, sorting…),
 * makes the whole expression fall back to the JSONata evaluator.
 */
export const nodeCompilers: Readonly<Record<string, (node: Node, cx: Cx) => string>> = {
  string: lit,
  number: lit,
  value: lit,
  variable,
  path,
  name: (node, cx) => `R.norm(R.lookup(${cx.ctx}, ${JSON.stringify(node.value)}))`,
  unary,
  binary: (node, cx) => {
    const op = binaryOperators[String(node.value)];
    if (!op) throw new Unsupported(`operator ${String(node.value)}`);
    return op(cx.compile(node.lhs as Node, cx), cx.compile(node.rhs as Node, cx));
  },
  condition: (node, cx) => {
    const branch = { ...cx, norms: cx.norms + 1 };
    const test = cx.compile(node.condition as Node, { ...cx, norms: 0 });
    return `(R.truthy(${test}) ? ${cx.compile(node.then as Node, branch)} : ${node.else ? cx.compile(node.else as Node, branch) : 'undefined'})`;
  },
  block,
  bind: (node, cx) => {
    const js = resolve(cx.frame, String((node.lhs as Node).value));
    if (!js) throw new Unsupported('unresolved bind');
    return `R.norm(${use(cx, js)} = ${cx.compile(node.rhs as Node, cx)})`;
  },
  lambda,
  function: (node, cx) => call(node, cx),
};

function checkKeys(node: Node): void {
  for (const key of Object.keys(node)) if (!['type', 'value', 'position', ...(allowedKeys[node.type] ?? [])].includes(key)) throw new Unsupported(`${node.type}.${key}`);
}

export const allowedKeys: Readonly<Record<string, readonly string[]>> = {
  path: ['steps'],
  unary: ['expression', 'expressions', 'lhs', 'consarray'],
  binary: ['lhs', 'rhs'],
  condition: ['condition', 'then', 'else'],
  block: ['expressions'],
  bind: ['lhs', 'rhs'],
  lambda: ['arguments', 'body', 'thunk', 'signature'],
  function: ['arguments', 'procedure', 'name'],
};
