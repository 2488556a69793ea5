import type { FastifyInstance } from 'fastify';
import { RegistryError } from '../../core/errors/index.js';

/**
 * Text PostgreSQL cannot hold: U+0000 (refused by `text` and `jsonb` alike, SQLSTATE 22P05/22021)
 * and unpaired UTF-16 surrogates (not Unicode at all; the driver would replace them silently or
 * PostgreSQL refuses them). Found anywhere in a body or a query string, they are a 400 naming
 * where, instead of a 500 from the database halfway through a request.
 */
const unstorable = (text: string) => text.includes('\u0000') || !text.isWellFormed();

/** Routes that only read their body (events to validate or upcast): nothing in it is stored. */
const readOnlyBodies = new Set(['/subjects/:subject/versions/:version/validate', '/subjects/:subject/upcast', '/subjects/:subject/upcast/trace']);

/** JSON pointer of the first unstorable string or key in `value`, or undefined. */
export function unstorableTextAt(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (typeof node === 'string') {
      if (unstorable(node)) return pointer || '/';
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    for (const [key, child] of Object.entries(node)) {
      const childPointer = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (unstorable(key)) return `${childPointer} (the key)`;
      stack.push([child, childPointer]);
    }
  }
  return undefined;
}

const describeFound = 'a NUL character (U+0000) or an unpaired surrogate, which the registry cannot store';

/** Refuses, with 400, a query string or a stored-from body holding text PostgreSQL cannot store. */
export function refuseUnstorableText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
      if (unstorableTextAt(name) !== undefined || unstorableTextAt(value) !== undefined) {
        throw new RegistryError('BAD_REQUEST', `Query parameter '${JSON.stringify(name).slice(1, -1).slice(0, 100)}' holds ${describeFound}`);
      }
    }
    if (request.body === undefined || readOnlyBodies.has(request.routeOptions.url ?? '')) return;
    const at = unstorableTextAt(request.body);
    if (at !== undefined) throw new RegistryError('BAD_REQUEST', `The request body holds ${describeFound}, at ${JSON.stringify(at).slice(1, -1).slice(0, 300)}`);
  });
}
