import type jsonata from 'jsonata';

type Node = jsonata.ExprNode & Record<string, unknown>;

/** Thrown while compiling when a construct is outside the compiled subset: the rule falls back. */
export class Unsupported extends Error {}

/**
 * A JSONata frame (the root, a block, a lambda call) as compiled JS sees it: JSONata variable names
 * mapped to JS identifiers. JSONata binds dynamically (`:=` takes effect when evaluated, lookups
 * walk outwards), JS binds lexically; the two agree as long as a `:=` never shadows a name visible
 * from an enclosing frame, so `declareBinds` refuses exactly that case.
 */
export interface Frame {
  readonly names: Map<string, string>;
  readonly parent?: Frame;
}

/** Every JSONata built-in name: they may be called, but never shadowed or used as values. */
export const jsonataBuiltinNames: ReadonlySet<string> = new Set(
  ('sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad ' +
    'match contains replace split join formatNumber formatBase formatInteger parseInteger number floor ceil round ' +
    'abs sqrt power random boolean not map zip filter single reduce sift keys lookup append exists spread merge ' +
    'reverse each error assert type sort shuffle distinct base64encode base64decode encodeUrlComponent encodeUrl ' +
    'decodeUrlComponent decodeUrl eval toMillis fromMillis clone now millis').split(' '),
);

/** Names bound with `:=` directly in this frame (not inside nested blocks or lambdas). */
export function bindsOf(node: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) {
    for (const child of node) bindsOf(child, out);
    return out;
  }
  if (node === null || typeof node !== 'object') return out;
  const n = node as Node;
  // A block or a lambda opens its own frame: its binds are not this frame's.
  if (n.type === 'block' || (n.type === 'lambda' && !n.thunk)) return out;
  if ((n.type as string) === 'bind') out.add(String((n.lhs as Node).value));
  for (const [key, child] of Object.entries(n)) {
    if (key === 'position' || key === 'value') continue;
    if (typeof child === 'object' && child !== null) bindsOf(child, out);
  }
  return out;
}

function visible(frame: Frame | undefined, name: string): boolean {
  for (let f = frame; f; f = f.parent) if (f.names.has(name)) return true;
  return false;
}

/** A new frame holding `params` and the `:=` names of `body`; JS names come from `fresh`. */
export function openFrame(parent: Frame | undefined, params: readonly string[], body: unknown, fresh: () => string): Frame {
  const names = new Map<string, string>();
  for (const p of params) names.set(p, fresh());
  for (const name of bindsOf(body)) {
    if (names.has(name)) continue;
    if (name === '' || name === '$' || jsonataBuiltinNames.has(name) || visible(parent, name)) throw new Unsupported(`:= shadows $${name}`);
    names.set(name, fresh());
  }
  return { names, parent };
}

export function resolve(frame: Frame | undefined, name: string): string | undefined {
  for (let f = frame; f; f = f.parent) {
    const js = f.names.get(name);
    if (js !== undefined) return js;
  }
  return undefined;
}
