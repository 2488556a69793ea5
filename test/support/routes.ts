import type { FastifyInstance } from 'fastify';

/**
 * Every `METHOD /full/pattern` in fastify's route table, rebuilt from `printRoutes()`: the printout
 * is a tree whose lines hold only each node's own segment, so a line's full path is its parent's
 * path (found by indentation, four characters per level) plus its segment. HEAD is left out:
 * fastify adds it beside every GET.
 */
export function routeTable(app: FastifyInstance): string[] {
  const routes = new Set<string>();
  const pathAt: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([\s│├└─]*)(\S+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = Math.max(0, match[1]!.length / 4 - 1);
    pathAt[depth] = (depth > 0 ? pathAt[depth - 1]! : '') + match[2]!;
    pathAt.length = depth + 1;
    for (const method of match[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.add(`${method} ${pathAt[depth]}`);
  }
  return [...routes].sort();
}
