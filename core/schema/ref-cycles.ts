import { hasReferenceKeyword } from './refs.js';
import type { JsonSchema } from './types.js';

/** Keywords that apply a subschema to the same instance location (they consume nothing). */
const inPlaceSingle = ['not', 'if', 'then', 'else'] as const;
const inPlaceArrays = ['allOf', 'anyOf', 'oneOf'] as const;

type Node = Record<string, unknown>;

/**
 * A `$ref` loop that never steps into the instance — `{"$ref": "#"}`, or `a → b → a` through
 * `$defs` — makes every validation recurse until the stack overflows. Such a schema describes
 * nothing and is refused at registration. Loops that pass through `properties`, `items` and the
 * like are fine (recursive data structures): each step consumes a level of the event.
 *
 * Returns the loop as JSON pointers (`['/$defs/a', '/$defs/b', '/$defs/a']`), or undefined.
 * Only same-document fragment references are followed; named references are other documents,
 * checked when they were registered.
 */
export function findInPlaceRefCycle(schema: JsonSchema): string[] | undefined {
  // No reference keyword, no loop: one quick walk instead of indexing every subschema.
  if (typeof schema !== 'object' || schema === null || !hasReferenceKeyword(schema)) return undefined;
  const root = schema as Node;
  const anchors = anchorIndex(root);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];

  const visit = (node: Node, pointer: string, resource: string): string[] | undefined => {
    if (state.get(pointer) === 'done') return undefined;
    if (state.get(pointer) === 'open') return [...path.slice(path.indexOf(pointer)), pointer];
    state.set(pointer, 'open');
    path.push(pointer);
    for (const [child, childPointer] of inPlaceChildren(node, pointer)) {
      const base = startsResource(child.$id) ? childPointer : resource;
      const loop = visit(child, childPointer, base);
      if (loop) return loop;
    }
    for (const keyword of ['$ref', '$dynamicRef', '$recursiveRef'] as const) {
      const ref = node[keyword];
      if (typeof ref !== 'string' || !ref.startsWith('#')) continue;
      // `#/a/b` is a pointer; `#A` names an `$anchor` (or a draft-06/07 `$id: "#A"`) in this resource.
      const targetPointer = ref === '#' || ref.startsWith('#/') ? resource + safeDecode(ref.slice(1)) : anchors.get(`${resource}#${safeDecode(ref.slice(1))}`);
      const target = targetPointer === undefined ? undefined : resolvePointer(root, targetPointer);
      if (target && targetPointer !== undefined) {
        const loop = visit(target, targetPointer, startsResource(target.$id) ? targetPointer : resource);
        if (loop) return loop;
      }
    }
    path.pop();
    state.set(pointer, 'done');
    return undefined;
  };

  // Every subschema is a possible entry point: a loop may sit in $defs, reached from anywhere.
  const stack: Array<[unknown, string, string]> = [[root, '', '']];
  while (stack.length > 0) {
    const [node, pointer, resource] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (!Array.isArray(node)) {
      const base = pointer !== '' && startsResource((node as Node).$id) ? pointer : resource;
      const loop = visit(node as Node, pointer, base);
      if (loop) return loop.map((p) => p || '/');
    }
    for (const [key, value] of Object.entries(node)) stack.push([value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, resource]);
  }
  return undefined;
}

/** `resource#name` → pointer of the subschema carrying that anchor; resources as `visit` tracks them. */
function anchorIndex(root: Node): Map<string, string> {
  const anchors = new Map<string, string>();
  const stack: Array<[unknown, string, string]> = [[root, '', '']];
  while (stack.length > 0) {
    const [node, pointer, enclosing] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    let resource = enclosing;
    if (!Array.isArray(node)) {
      const { $id, $anchor, $dynamicAnchor } = node as Node;
      if (typeof $id === 'string' && $id.startsWith('#')) anchors.set(`${enclosing}#${$id.slice(1)}`, pointer);
      if (pointer !== '' && startsResource($id)) resource = pointer;
      for (const name of [$anchor, $dynamicAnchor]) if (typeof name === 'string') anchors.set(`${resource}#${name}`, pointer);
    }
    for (const [key, value] of Object.entries(node)) stack.push([value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, resource]);
  }
  return anchors;
}

function inPlaceChildren(node: Node, pointer: string): Array<[Node, string]> {
  const children: Array<[Node, string]> = [];
  for (const keyword of inPlaceSingle) if (isNode(node[keyword])) children.push([node[keyword] as Node, `${pointer}/${keyword}`]);
  for (const keyword of inPlaceArrays) {
    const list = node[keyword];
    if (Array.isArray(list)) list.forEach((item, index) => isNode(item) && children.push([item, `${pointer}/${keyword}/${index}`]));
  }
  return children;
}

function resolvePointer(root: Node, pointer: string): Node | undefined {
  let node: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!Object.hasOwn(node, key)) return undefined; // `#/__proto__` names nothing in the document
    node = (node as Node)[key];
  }
  return isNode(node) ? node : undefined;
}

/** An `$id` other than a bare fragment (draft-06/07 anchors are `$id: "#name"`) starts a new resource. */
const startsResource = (id: unknown): boolean => typeof id === 'string' && !id.startsWith('#');

const isNode = (value: unknown): value is Node => value !== null && typeof value === 'object' && !Array.isArray(value);

function safeDecode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
