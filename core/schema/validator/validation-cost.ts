import { childBase, getDoc, resolveRef, type Doc } from '../../compat/document/index.js';
import { DEFAULT_BASE } from '../../compat/document/uri.js';
import { hasReferenceKeyword } from '../refs.js';
import type { JsonSchema, ReferencedSchemas } from '../types.js';

/**
 * Most schema applications one location of an event may cost. ajv evaluates every applicable
 * subschema (with `allErrors`, every branch of an `anyOf` that fails), so a schema whose `$ref`
 * graph doubles at each level — `anyOf: [{$ref: next}, {allOf: [{$ref: next}, …]}]`, 24 levels
 * deep — costs 2^24 applications, and as many error objects, for the value `10`: the server ran
 * out of memory. 100,000 applications validate in well under a second.
 */
export const MAX_VALIDATION_COST = 100_000;

/** Work allowed for the estimate itself (schema nodes visited, summed over locations). */
const ANALYSIS_BUDGET = 1_000_000;
/** Event nesting followed through recursive schemas before a steady state is assumed. */
const MAX_DEPTH = 64;

/** `worst` is the estimate, or -1 when the schema has no `$ref` and so cannot multiply. */
export type CostVerdict = { bounded: true; worst: number } | { bounded: false; reason: string };

/** `doc` is built on the first `$ref` met: most schemas have none, and indexing costs. */
type Located = { node: Record<string, unknown>; doc: () => Doc; base: string };
type Frontier = Map<Located['node'], { at: Located; count: number }>;

/** Keywords that apply subschemas to the same location. */
const inPlaceSingle = ['not', 'if', 'then', 'else'];
const inPlaceLists = ['allOf', 'anyOf', 'oneOf'];
const inPlaceMaps = ['dependentSchemas', 'dependencies'];
const refKeywords = ['$ref', '$dynamicRef', '$recursiveRef'];
/** Keywords that apply one subschema to every child location of a kind (`*`: any key or index). */
const wildcards: ReadonlyArray<[string, string]> = [
  ['additionalProperties', 'p*'],
  ['unevaluatedProperties', 'p*'],
  ['additionalItems', 'i*'],
  ['contains', 'i*'],
  ['unevaluatedItems', 'i*'],
  ['propertyNames', 'name'],
];

const isNode = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * An upper estimate of how many subschema applications validating one location of any event
 * costs, found by walking the event locations a schema can reach (named properties, indices and
 * "any other key/index") and, at each, multiplying through the `$ref` graph: a subschema reached
 * along k paths is applied k times. Recursion through the event stops when a location's set of
 * subschemas repeats (a steady state: cost grows with the event, not exponentially), or at depth
 * MAX_DEPTH. `$ref` loops that never step into the event are unbounded by definition.
 *
 * @example
 * validationCost(chainOfAnyOf(24)); // { bounded: false, reason: '… 50331647 subschema applications …' }
 */
export function validationCost(schema: JsonSchema, references: ReferencedSchemas, max = MAX_VALIDATION_COST): CostVerdict {
  if (!isNode(schema)) return { bounded: true, worst: 1 };
  // Without references, every subschema is reached along one path: the cost of a location is at
  // most the schema's size, which the request size already bounds.
  if (Object.keys(references).length === 0 && !hasReferenceKeyword(schema)) return { bounded: true, worst: -1 };
  let built: Doc | undefined;
  const doc = () => (built ??= getDoc(schema, references));
  const ids = new Map<object, number>();
  const idOf = (node: object) => {
    let id = ids.get(node);
    if (id === undefined) ids.set(node, (id = ids.size));
    return id;
  };
  const done = new Set<string>();
  let steps = 0;
  let worst = 0;

  const signature = (frontier: Frontier) =>
    [...frontier.values()]
      .map(({ at, count }) => `${idOf(at.node)}*${count}`)
      .sort()
      .join(',');

  /** Every subschema applied at one location, with how many times: a refusal reason, or the children's frontiers. */
  const visit = (frontier: Frontier, depth: number, path: Set<string>, where: string): string | undefined => {
    const sig = signature(frontier);
    if (done.has(sig) || path.has(sig) || depth > MAX_DEPTH) return undefined;
    const closure = inPlaceClosure(frontier);
    if (typeof closure === 'string') return `${closure} (at event location ${where || '/'})`;
    let total = 0;
    for (const { count } of closure.values()) total += count;
    steps += closure.size;
    worst = Math.max(worst, total);
    if (total > max) {
      return `validating one event location (${where || '/'}) could take ${total > 1e15 ? 'more than 10^15' : Math.round(total)} subschema applications, more than the ${max} allowed: a $ref/anyOf/allOf chain multiplies at every level`;
    }
    if (steps > ANALYSIS_BUDGET) return 'the schema is too large to estimate its validation cost';
    const children = childFrontiers(closure);
    path.add(sig);
    for (const [key, child] of children) {
      const reason = visit(child, depth + 1, path, `${where}/${key}`);
      if (reason) return reason;
    }
    path.delete(sig);
    done.add(sig);
    return undefined;
  };

  // The same base the document index gives its root.
  const start: Frontier = new Map([[schema, { at: { node: schema, doc, base: childBase(schema, DEFAULT_BASE) }, count: 1 }]]);
  const reason = visit(start, 0, new Set(), '');
  return reason ? { bounded: false, reason } : { bounded: true, worst };
}

/** The in-place successors of a node (same event location), `$ref` targets resolved. */
function inPlaceChildren(at: Located): Located[] | string {
  const { node, doc, base } = at;
  const out: Located[] = [];
  const add = (child: unknown) => {
    if (isNode(child)) out.push({ node: child, doc, base: childBase(child, base) });
  };
  for (const keyword of inPlaceSingle) add(node[keyword]);
  for (const keyword of inPlaceLists) if (Array.isArray(node[keyword])) (node[keyword] as unknown[]).forEach(add);
  for (const keyword of inPlaceMaps) if (isNode(node[keyword])) Object.values(node[keyword] as object).forEach(add);
  for (const keyword of refKeywords) {
    const ref = node[keyword];
    if (typeof ref !== 'string') continue;
    const target = resolveRef(ref, doc(), base);
    // An unresolvable $ref is the compiler's to report; it adds no cost here.
    if ('error' in target || !isNode(target.node)) continue;
    const targetDoc = target.doc;
    out.push({ node: target.node, doc: () => targetDoc, base: childBase(target.node, target.base) });
  }
  return out;
}

/**
 * Multiplicities of every node applied at a location: a node reached along k in-place paths
 * counts k. Computed in topological order; a cycle is a `$ref` loop that never reads the event.
 */
function inPlaceClosure(frontier: Frontier): Frontier | string {
  const order: Located[] = [];
  const state = new Map<object, 'open' | 'done'>();
  const edges = new Map<object, Located[]>();
  let loop: string | undefined;
  const dfs = (at: Located): void => {
    const stack: Array<{ at: Located; next: number; children: Located[] }> = [];
    const open = (located: Located): boolean => {
      const mark = state.get(located.node);
      if (mark === 'done') return false;
      if (mark === 'open') {
        loop = 'a $ref loop never steps into the event, so validation would recurse forever';
        return false;
      }
      const children = inPlaceChildren(located);
      edges.set(located.node, children as Located[]);
      state.set(located.node, 'open');
      stack.push({ at: located, next: 0, children: children as Located[] });
      return true;
    };
    open(at);
    while (stack.length > 0 && !loop) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.children.length) open(top.children[top.next++]!);
      else {
        stack.pop();
        state.set(top.at.node, 'done');
        order.push(top.at);
      }
    }
  };
  for (const { at } of frontier.values()) {
    dfs(at);
    if (loop) return loop;
  }
  const counts: Frontier = new Map();
  for (const [node, entry] of frontier) counts.set(node, { at: entry.at, count: entry.count });
  // Post-order reversed is a topological order: parents before children.
  for (let i = order.length - 1; i >= 0; i--) {
    const at = order[i]!;
    const count = counts.get(at.node)?.count ?? 0;
    if (count === 0) continue;
    for (const child of edges.get(at.node) ?? []) {
      const entry = counts.get(child.node);
      if (entry) entry.count += count;
      else counts.set(child.node, { at: child, count });
    }
  }
  return counts;
}

/** Groups the subschemas applied to child locations by key: `p:name`, `i:3`, or a wildcard. */
function childFrontiers(closure: Frontier): Map<string, Frontier> {
  const byKey = new Map<string, Frontier>();
  const add = (key: string, child: unknown, parent: Located, count: number) => {
    if (!isNode(child)) return;
    let frontier = byKey.get(key);
    if (!frontier) byKey.set(key, (frontier = new Map()));
    const entry = frontier.get(child);
    if (entry) entry.count += count;
    else frontier.set(child, { at: { node: child, doc: parent.doc, base: childBase(child, parent.base) }, count });
  };
  for (const { at, count } of closure.values()) {
    const { node } = at;
    if (isNode(node.properties)) for (const [name, child] of Object.entries(node.properties)) add(`p:${name}`, child, at, count);
    if (isNode(node.patternProperties)) for (const child of Object.values(node.patternProperties)) add('p*', child, at, count);
    const tuple = Array.isArray(node.prefixItems) ? node.prefixItems : Array.isArray(node.items) ? node.items : undefined;
    tuple?.forEach((child, index) => add(`i:${index}`, child, at, count));
    if (!Array.isArray(node.items)) add('i*', node.items, at, count);
    for (const [keyword, key] of wildcards) add(key, node[keyword], at, count);
  }
  // A named key or index also receives what applies to every key or index.
  for (const [key, frontier] of byKey) {
    const wildcard = key.startsWith('p:') ? byKey.get('p*') : key.startsWith('i:') ? byKey.get('i*') : undefined;
    if (!wildcard) continue;
    for (const [node, entry] of wildcard) {
      const mine = frontier.get(node);
      if (mine) mine.count += entry.count;
      else frontier.set(node, { at: entry.at, count: entry.count });
    }
  }
  return byKey;
}
