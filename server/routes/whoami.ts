import type { FastifyInstance } from 'fastify';
import { principalOf, whoAmI } from '../auth/index.js';
import { assertValidSubject } from '../../core/policy/index.js';
import { text } from '../http/query.js';

/** `GET /whoami[?subject=]`: the caller, its roles, and which write actions the API allows it. */
export async function whoamiRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/whoami',
    { schema: { querystring: { type: 'object', properties: { subject: { type: 'string', minLength: 1 } } } } },
    async (request) => {
      const subject = text(request.query, 'subject');
      if (subject !== undefined) assertValidSubject(subject);
      return whoAmI(principalOf(request), subject);
    },
  );
}
