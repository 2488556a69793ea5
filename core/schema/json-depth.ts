/**
 * Depth of a parsed JSON value, found iteratively: a recursive walk would overflow on exactly the
 * over-deep input this guards against. Stops counting at `stopAt`.
 */
export function jsonDepth(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) max = depth;
    if (max >= stopAt) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}
