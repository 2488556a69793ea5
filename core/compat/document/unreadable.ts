import { escapePointer } from './pointer.js';

/**
 * Something in a schema document that neither the engine nor the registry can keep: a number that
 * JSON parsing turned into ±Infinity (`"minimum": 1e400`; stored, it would come back as `null`), or
 * `$async: true` (ajv then returns a Promise, so every synchronous validation would reject every
 * event). The registry refuses such a schema (42201) naming the path.
 */
export function unreadableAt(schema: unknown, limit = 1_000_000): { path: string; message: string } | undefined {
  const stack: Array<[unknown, string, boolean]> = [[schema, '', true]];
  let visited = 0;
  while (stack.length && visited++ < limit) {
    const [node, path, isSchema] = stack.pop()!;
    if (typeof node === 'number' && !Number.isFinite(node)) {
      return { path: path || '/', message: `the number at ${path || '/'} is too large to represent (JSON numbers must be finite doubles)` };
    }
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      node.forEach((v, i) => stack.push([v, `${path}/${i}`, isSchema]));
      continue;
    }
    const obj = node as Record<string, unknown>;
    if (isSchema && obj.$async === true) {
      return { path: `${path}/$async`, message: `"$async": true at ${path}/$async makes validation asynchronous, which Charter does not support` };
    }
    for (const [k, v] of Object.entries(obj)) {
      const data = k === 'enum' || k === 'const' || k === 'examples' || k === 'default';
      stack.push([v, `${path}/${escapePointer(k)}`, isSchema && !data]);
    }
  }
  return undefined;
}
